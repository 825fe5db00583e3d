package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.steward.StewardApplication;
import dev.steward.security.internal.SecuritySettingsStore;
import dev.steward.security.internal.Totp;
import dev.steward.shared.Actor;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13: the security settings and their rules, on a Steward of its own (the settings are global, so the shared
 * test instance is left alone). 127.0.0.2 is its only trusted proxy; every client binds its own loopback address,
 * so "where a request comes from" is real, and forwarding headers are believed only from 127.0.0.2. Settings are
 * not cached (every change applies at once) and timeouts may be as short as a second.
 */
// it starts its own instance on its own store: the build's second pass on a PostgreSQL store would only repeat it
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "steward.test.store", matches = "postgres")
class SecuritySettingsIntegrationTests {

	static final String PROXY = "127.0.0.2";

	static ConfigurableApplicationContext context;

	static int port;

	/** An administrator's API token: unaffected by session timeouts and two-factor enforcement. */
	static String adminToken;

	@BeforeAll
	static void start() throws Exception {
		Path dataDir = Files.createTempDirectory("steward-settings-");
		context = new SpringApplicationBuilder(StewardApplication.class).run("--server.port=0",
				"--steward.data-dir=" + dataDir, "--steward.admin.password=" + TestStore.ADMIN_PASSWORD,
				"--steward.connection.sample.enabled=false", "--steward.security.trusted-proxies=" + PROXY,
				"--steward.security.settings.cache=0s", "--steward.security.settings.min-timeout=1s",
				"--steward.audit.anonymous-window=1s");
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
		adminToken = TestApi.admin(port).post("/api/tokens", "{\"name\":\"settings\"}").json().get("token").asString();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@AfterEach
	void restoreDefaults() {
		// straight into the store: a test may have left lists that refuse every client here
		context.getBean(SecuritySettingsStore.class).save(new SecuritySettings(28800, 86400, Set.of(), List.of(),
				Map.of(), null, false, null, null), Actor.system());
	}

	static ObjectNode settings(int idle, int absolute) {
		ObjectNode s = TestApi.JSON.createObjectNode().put("idleTimeoutSeconds", idle)
			.put("absoluteTimeoutSeconds", absolute).put("masking", false);
		s.putArray("twoFactorRoles");
		s.putArray("globalAllowlist");
		s.putObject("roleAllowlists");
		return s;
	}

	static HttpResponse<String> put(ObjectNode settings) throws Exception {
		return Client.at("127.0.0.1").bearer(adminToken).send("PUT", "/api/security/settings", settings.toString());
	}

	static String type(HttpResponse<String> r) {
		return TestApi.JSON.readTree(r.body()).path("type").asString();
	}

	@Test
	void theAllowlistsRefuseOutsidersByTheirRealAddressAndTheAuditRecordsIt() throws Exception {
		ObjectNode s = settings(28800, 86400);
		s.putArray("globalAllowlist").add("127.0.0.1").add("10.20.0.0/16").add("fd00:abcd::/32");
		s.putObject("roleAllowlists").putArray("VIEWER").add("10.20.5.0/24").add("127.0.0.1/32");
		HttpResponse<String> saved = put(s);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(TestApi.JSON.readTree(saved.body()).get("globalAllowlist").toString())
			.isEqualTo("[\"127.0.0.1/32\",\"10.20.0.0/16\",\"fd00:abcd:0:0:0:0:0:0/32\"]");

		HttpResponse<String> outside = Client.at("127.0.0.3").send("GET", "/api/auth/csrf", null);
		assertThat(outside.statusCode()).isEqualTo(403);
		assertThat(type(outside)).endsWith("/address-not-allowed");
		assertThat(outside.body()).contains("127.0.0.3");
		// a forwarding header from an address that is not a trusted proxy is ignored
		assertThat(Client.at("127.0.0.3").forwardedFor("10.20.1.1").send("GET", "/api/auth/csrf", null).statusCode())
			.isEqualTo(403);
		// from the trusted proxy it names the client, IPv4 and IPv6
		assertThat(Client.at(PROXY).forwardedFor("10.20.1.1").send("GET", "/api/auth/csrf", null).statusCode())
			.isEqualTo(200);
		assertThat(Client.at(PROXY).forwardedFor("10.30.0.1").send("GET", "/api/auth/csrf", null).statusCode())
			.isEqualTo(403);
		assertThat(Client.at(PROXY).forwardedFor("[fd00:abcd::5]").send("GET", "/api/auth/csrf", null).statusCode())
			.isEqualTo(200);
		assertThat(Client.at(PROXY).forwardedFor("fd00:abce::5").send("GET", "/api/auth/csrf", null).statusCode())
			.isEqualTo(403);
		// the proxy's own address is not in the list: without a header it is refused like anyone
		assertThat(Client.at(PROXY).send("GET", "/api/auth/csrf", null).statusCode()).isEqualTo(403);

		// a role's list applies on top of the global one
		TestUser viewer = TestUsers.create(port, "VIEWER");
		Client wrongSubnet = Client.at(PROXY).forwardedFor("10.20.9.9").login(viewer);
		HttpResponse<String> refused = wrongSubnet.send("GET", "/api/connections", null);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("10.20.9.9").contains("VIEWER");
		Client rightSubnet = Client.at(PROXY).forwardedFor("10.20.5.7").login(viewer);
		assertThat(rightSubnet.send("GET", "/api/connections", null).statusCode()).isEqualTo(200);
		TestUser operator = TestUsers.create(port, "OPERATOR");
		assertThat(Client.at(PROXY).forwardedFor("10.20.9.9").login(operator).send("GET", "/api/connections", null)
			.statusCode()).as("the operators have no list of their own").isEqualTo(200);

		TestApi admin = TestApi.bearer(port, adminToken);
		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			String audit = admin.get("/api/audit?action=security.address-not-allowed&size=100").body();
			assertThat(audit).contains("GET /api/connections \u2192 403 (address 10.20.9.9 not allowed)")
				.contains(viewer.username());
			assertThat(admin.get("/api/audit?size=200").body()).as("anonymous refusals, counted per address")
				.contains("127.0.0.3").contains("10.30.0.1").contains("fd00:abce:0:0:0:0:0:5");
		});
	}

	@Test
	void savingListsThatShutOutTheAdministratorNeedsTheirConfirmation() throws Exception {
		ObjectNode s = settings(28800, 86400);
		s.putArray("globalAllowlist").add("10.0.0.0/8");
		HttpResponse<String> refused = put(s);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(type(refused)).endsWith("/self-lockout");
		assertThat(refused.body()).contains("127.0.0.1").contains("confirmSelfLockout");
		assertThat(Client.at("127.0.0.1").send("GET", "/api/auth/csrf", null).statusCode()).as("nothing was saved")
			.isEqualTo(200);

		ObjectNode admins = settings(28800, 86400);
		admins.putObject("roleAllowlists").putArray("ADMIN").add("2001:db8::/32");
		assertThat(put(admins).statusCode()).as("the admins' own list counts too").isEqualTo(409);

		s.put("confirmSelfLockout", true);
		assertThat(put(s).statusCode()).isEqualTo(200);
		assertThat(Client.at("127.0.0.1").bearer(adminToken).send("GET", "/api/security/settings", null).statusCode())
			.isEqualTo(403);
		// the way back in: through the proxy from inside the list
		HttpResponse<String> inside = Client.at(PROXY).forwardedFor("10.1.2.3").bearer(adminToken)
			.send("GET", "/api/security/settings", null);
		assertThat(inside.statusCode()).isEqualTo(200);
		assertThat(TestApi.JSON.readTree(inside.body()).get("yourAddress").asString()).isEqualTo("10.1.2.3");
	}

	@Test
	void aSessionEndsWhenIdleAndAtItsAbsoluteTimeoutAndSaysWhen() throws Exception {
		assertThat(put(settings(2, 3600)).statusCode()).isEqualTo(200);
		TestUser user = TestUsers.create(port, "VIEWER");
		Client idle = Client.at("127.0.0.1").login(user);
		HttpResponse<String> me = idle.send("GET", "/api/auth/me", null);
		JsonNode session = TestApi.JSON.readTree(me.body()).get("session");
		assertThat(session.get("idleTimeoutSeconds").asInt()).isEqualTo(2);
		assertThat(Instant.parse(session.get("expiresAt").asString()))
			.isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
		Thread.sleep(1000);
		assertThat(idle.send("GET", "/api/auth/me", null).statusCode()).as("use keeps it alive").isEqualTo(200);
		Thread.sleep(1000);
		assertThat(idle.send("GET", "/api/auth/me", null).statusCode()).isEqualTo(200);
		Thread.sleep(3500);
		assertThat(idle.send("GET", "/api/auth/me", null).statusCode()).as("idle for over 2 s").isEqualTo(401);

		assertThat(put(settings(2, 4)).statusCode()).isEqualTo(200);
		Client busy = Client.at("127.0.0.1").login(user);
		for (int i = 0; i < 3; i++) {
			Thread.sleep(1000);
			assertThat(busy.send("GET", "/api/auth/me", null).statusCode()).isEqualTo(200);
		}
		Thread.sleep(1000);
		Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(busy.send("GET", "/api/auth/me", null).statusCode())
				.as("used all along, but past its absolute timeout").isEqualTo(401));
		// API tokens have no session and no session timeout
		assertThat(TestApi.bearer(port, adminToken).get("/api/auth/me").json().path("session").isObject()).isFalse();
	}

	@Test
	void anEnforcedRoleReachesOnlyTheEnrolmentUntilEnrolled() throws Exception {
		TestUser operator = TestUsers.create(port, "OPERATOR");
		TestUser viewer = TestUsers.create(port, "VIEWER");
		String token = TestApi.login(port, operator.username(), operator.password())
			.post("/api/tokens", "{\"name\":\"ci\"}").json().get("token").asString();
		ObjectNode s = settings(28800, 86400);
		s.putArray("twoFactorRoles").add("OPERATOR");
		assertThat(put(s).statusCode()).isEqualTo(200);

		Client session = Client.at("127.0.0.1").login(operator);
		JsonNode me = TestApi.JSON.readTree(session.send("GET", "/api/auth/me", null).body());
		assertThat(me.get("twoFactorEnrolmentRequired").asBoolean()).isTrue();
		HttpResponse<String> blocked = session.send("GET", "/api/connections", null);
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(type(blocked)).endsWith("/two-factor-enrolment-required");
		assertThat(session.send("POST", "/api/tokens", "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
		assertThat(TestApi.bearer(port, token).get("/api/connections").status()).as("API tokens are unaffected")
			.isEqualTo(200);
		assertThat(Client.at("127.0.0.1").login(viewer).send("GET", "/api/connections", null).statusCode())
			.as("a role not enforced").isEqualTo(200);

		JsonNode enrolment = TestApi.JSON.readTree(session.send("POST", "/api/auth/two-factor/enrolment", null).body());
		byte[] secret = Totp.fromBase32(enrolment.get("secret").asString());
		String code = Totp.code(secret, Instant.now().getEpochSecond() / 30);
		HttpResponse<String> confirmed = session.send("POST", "/api/auth/two-factor/enrolment/confirm",
				"{\"code\":\"" + code + "\"}");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		assertThat(session.send("GET", "/api/connections", null).statusCode()).isEqualTo(200);
		assertThat(TestApi.JSON.readTree(session.send("GET", "/api/auth/me", null).body())
			.get("twoFactorEnrolmentRequired").asBoolean()).isFalse();
	}

	@Test
	void onlyAdministratorsReadOrChangeSettingsAndEachChangeIsAuditedWithBeforeAndAfter() throws Exception {
		for (String role : List.of("VIEWER", "OPERATOR")) {
			Client caller = Client.at("127.0.0.1").login(TestUsers.create(port, role));
			assertThat(caller.send("GET", "/api/security/settings", null).statusCode()).isEqualTo(403);
			assertThat(caller.send("PUT", "/api/security/settings", "{\"idleTimeoutSeconds\":\"nonsense\"}")
				.statusCode()).as("the role is checked before the body").isEqualTo(403);
		}
		assertThat(Client.at("127.0.0.1").send("GET", "/api/security/settings", null).statusCode()).isEqualTo(401);

		ObjectNode bad = settings(600, 3600);
		bad.putArray("globalAllowlist").add("10.0.0.0/8").add("example.com").add("10.0.0.0/33");
		HttpResponse<String> invalid = put(bad);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("globalAllowlist[1]").contains("globalAllowlist[2]")
			.doesNotContain("globalAllowlist[0]");
		assertThat(put(settings(600, 60)).statusCode()).as("absolute shorter than idle").isEqualTo(400);
		// hostile shapes: an unknown role, a list too long, an entry far too long, a missing field
		ObjectNode unknownRole = settings(600, 3600);
		unknownRole.putObject("roleAllowlists").putArray("ROOT").add("10.0.0.0/8");
		assertThat(put(unknownRole).statusCode()).isEqualTo(400);
		ObjectNode tooMany = settings(600, 3600);
		var many = tooMany.putArray("globalAllowlist");
		for (int i = 0; i < 201; i++) {
			many.add("10.0." + (i / 250) + "." + (i % 250));
		}
		assertThat(put(tooMany).statusCode()).isEqualTo(400);
		ObjectNode tooLong = settings(600, 3600);
		tooLong.putArray("globalAllowlist").add("1".repeat(10_000));
		HttpResponse<String> longEntry = put(tooLong);
		assertThat(longEntry.statusCode()).isEqualTo(400);
		assertThat(longEntry.body()).contains("globalAllowlist[0]").doesNotContain("1111111111");
		ObjectNode missing = settings(600, 3600);
		missing.remove("masking");
		assertThat(put(missing).body()).contains("masking");
		assertThat(put(settings(0, 3600)).statusCode()).isEqualTo(400);

		// masking is on until an administrator turns it off; whatever it is now, the change flips it
		boolean maskingBefore = TestApi.JSON.readTree(Client.at("127.0.0.1").bearer(adminToken)
			.send("GET", "/api/security/settings", null).body()).get("masking").asBoolean();
		ObjectNode next = settings(600, 7200).put("auditRetentionDays", 90).put("masking", !maskingBefore)
			.put("defaultMaxConsoleSessions", 4);
		next.putArray("twoFactorRoles").add("ADMIN");
		HttpResponse<String> saved = put(next);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		JsonNode read = TestApi.JSON.readTree(
				Client.at("127.0.0.1").bearer(adminToken).send("GET", "/api/security/settings", null).body());
		assertThat(read.get("auditRetentionDays").asInt()).isEqualTo(90);
		assertThat(read.get("masking").asBoolean()).isEqualTo(!maskingBefore);
		assertThat(read.get("defaultMaxConsoleSessions").asInt()).isEqualTo(4);
		assertThat(context.getBean(SecuritySettingsSource.class).current().auditRetentionDays()).isEqualTo(90);

		TestApi admin = TestApi.bearer(port, adminToken);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String audit = admin.get("/api/audit?action=security.settings&size=100").body();
			assertThat(audit).contains("idleTimeoutSeconds: 28800 \u2192 600")
				.contains("absoluteTimeoutSeconds: 86400 \u2192 7200").contains("auditRetentionDays: none \u2192 90")
				.contains("masking: " + maskingBefore + " \u2192 " + !maskingBefore).contains("twoFactorRoles: [] \u2192 [ADMIN]")
				.contains("defaultMaxConsoleSessions: none \u2192 4");
		});
	}

	/** A client on a loopback address of its own, optionally behind the proxy (X-Forwarded-For). */
	static final class Client {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http;

		private @Nullable String forwardedFor;

		private @Nullable String bearer;

		private Client(String local) throws Exception {
			this.http = HttpClient.newBuilder().localAddress(InetAddress.getByName(local)).cookieHandler(cookies)
				.connectTimeout(Duration.ofSeconds(5)).build();
		}

		static Client at(String local) throws Exception {
			return new Client(local);
		}

		Client forwardedFor(String address) {
			this.forwardedFor = address;
			return this;
		}

		Client bearer(String token) {
			this.bearer = token;
			return this;
		}

		Client login(TestUser user) throws Exception {
			send("GET", "/api/auth/csrf", null);
			HttpResponse<String> r = send("POST", "/api/auth/login", TestApi.JSON.createObjectNode()
				.put("username", user.username()).put("password", user.password()).toString());
			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			return this;
		}

		HttpResponse<String> send(String method, String path, @Nullable String json) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json));
			if (json != null) {
				request.header("Content-Type", "application/json");
			}
			if (forwardedFor != null) {
				request.header("X-Forwarded-For", forwardedFor);
			}
			if (bearer != null) {
				request.header("Authorization", "Bearer " + bearer);
			}
			cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
				.map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}
}

package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.steward.StewardApplication;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestStore;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;

/**
 * Two whole Steward instances on one PostgreSQL store, as behind a reverse proxy without sticky sessions: a login
 * on one is valid on the other, ending sessions on one ends them on both, and failed logins count on both. The
 * client keeps its cookies per host, not per port, so one client talking to both ports is a browser behind a
 * proxy. 127.0.0.1 is a trusted proxy here, so {@code X-Forwarded-For} gives each scenario its own address.
 */
// it starts its own instances on its own store: the build's second pass on a PostgreSQL store would only repeat it
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "steward.test.store", matches = "postgres")
class SessionClusterIntegrationTests {

	static ScratchDatabases.Scratch store;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static int a;

	static int b;

	@BeforeAll
	static void startTwoInstances() throws IOException {
		store = ScratchDatabases.postgres("steward_sessions");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		// instances sharing a store share its keys, as the README says
		List<String> shared = List.of("--spring.datasource.url=" + store.jdbcUrl(),
				"--spring.datasource.username=" + store.user(), "--spring.datasource.password=" + store.password(),
				"--steward.audit.key=" + Base64.getEncoder().encodeToString(key),
				"--steward.security.trusted-proxies=127.0.0.1", "--steward.security.login.first-delay=1m");
		first = start(Files.createTempDirectory("steward-sa-"), shared);
		second = start(Files.createTempDirectory("steward-sb-"), shared);
		a = port(first);
		b = port(second);
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
		if (store != null) {
			store.close();
		}
	}

	@Test
	void aLoginOnOneInstanceIsValidOnTheOtherAndEndsThereToo() throws Exception {
		TestUser user = TestUsers.create(a, "OPERATOR");
		Browser elsewhere = Browser.loggedIn(a, user.username(), user.password(), "10.61.0.1");
		assertThat(elsewhere.send(b, "GET", "/api/auth/me", null).statusCode()).isEqualTo(200);
		assertThat(elsewhere.send(b, "GET", "/api/connections", null).statusCode()).isEqualTo(200);
		assertThat(sessionsOf(user.username())).isEqualTo(1);

		// a password change on B ends the session begun on A, on both instances, and keeps B's own
		Browser here = Browser.loggedIn(b, user.username(), user.password(), "10.61.0.1");
		assertThat(here.send(b, "POST", "/api/auth/password", "{\"currentPassword\":\"" + user.password()
				+ "\",\"newPassword\":\"a-cluster-wide-password\"}").statusCode()).isEqualTo(204);
		assertThat(sessionsOf(user.username())).as("the ended session's row is deleted at once").isEqualTo(1);
		assertThat(elsewhere.send(a, "GET", "/api/auth/me", null).statusCode()).isEqualTo(401);
		assertThat(elsewhere.send(b, "GET", "/api/auth/me", null).statusCode()).isEqualTo(401);
		assertThat(here.send(a, "GET", "/api/auth/me", null).statusCode()).isEqualTo(200);
		assertThat(here.send(b, "GET", "/api/auth/me", null).statusCode()).isEqualTo(200);

		// a logout on A ends the session on B, and the session's row is gone from the store
		assertThat(here.send(a, "POST", "/api/auth/logout", null).statusCode()).isEqualTo(204);
		assertThat(here.send(b, "GET", "/api/auth/me", null).statusCode()).isEqualTo(401);
		assertThat(sessionsOf(user.username())).isZero();
	}

	@Test
	void anAdminDisablingAUserOnOneInstanceEndsTheSessionOnTheOther() throws Exception {
		TestUser user = TestUsers.create(a, "VIEWER");
		Browser browser = Browser.loggedIn(b, user.username(), user.password(), "10.62.0.1");
		Browser admin = Browser.loggedIn(a, "admin", TestStore.ADMIN_PASSWORD, "10.62.0.2");
		assertThat(admin.send(a, "PATCH", "/api/users/" + user.id(), "{\"enabled\":false}").statusCode())
			.isEqualTo(200);
		assertThat(sessionsOf(user.username())).isZero();
		assertThat(browser.send(b, "GET", "/api/auth/me", null).statusCode()).isEqualTo(401);
	}

	@Test
	void failedLoginsCountOnBothInstances() throws Exception {
		TestUser user = TestUsers.create(a, "VIEWER");
		Browser attacker = Browser.anonymous(a, "10.63.0.1");
		// three free failures (the default), spread over the two instances
		assertThat(attacker.login(a, user.username(), "wrong-password-1").statusCode()).isEqualTo(401);
		assertThat(attacker.login(b, user.username(), "wrong-password-2").statusCode()).isEqualTo(401);
		assertThat(attacker.login(a, user.username(), "wrong-password-3").statusCode()).isEqualTo(401);
		HttpResponse<String> refused = attacker.login(b, user.username(), user.password());
		assertThat(refused.statusCode()).as("the fourth attempt waits, whichever instance it reaches").isEqualTo(429);
		assertThat(attacker.login(a, user.username(), user.password()).statusCode()).isEqualTo(429);
		// the real user from elsewhere is not slowed on either
		assertThat(Browser.anonymous(b, "10.63.0.2").login(b, user.username(), user.password()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void theSessionCookieKeepsItsSettingsUnderSpringSession() throws Exception {
		Browser plain = Browser.anonymous(a, "10.64.0.1");
		String cookie = sessionCookie(plain.login(a, "admin", TestStore.ADMIN_PASSWORD));
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
		Browser proxied = Browser.anonymous(b, "10.64.0.2");
		proxied.forwardedProto = "https";
		String secure = sessionCookie(proxied.login(b, "admin", TestStore.ADMIN_PASSWORD));
		assertThat(secure).as("a trusted proxy says the client used HTTPS").contains("Secure").contains("HttpOnly");
	}

	private static String sessionCookie(HttpResponse<String> login) {
		assertThat(login.statusCode()).isEqualTo(200);
		return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("STEWARD_SESSION="))
			.findFirst().orElseThrow();
	}

	private static int sessionsOf(String username) throws Exception {
		try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
				PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?")) {
			s.setString(1, username);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

	/** A browser behind a proxy: one cookie jar, whichever instance answers; its address as the proxy reports it. */
	static final class Browser {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
			.connectTimeout(Duration.ofSeconds(5)).build();

		private final String address;

		@Nullable String forwardedProto;

		private Browser(String address) {
			this.address = address;
		}

		static Browser anonymous(int port, String address) throws Exception {
			Browser browser = new Browser(address);
			browser.send(port, "GET", "/api/auth/csrf", null);
			return browser;
		}

		static Browser loggedIn(int port, String username, String password, String address) throws Exception {
			Browser browser = anonymous(port, address);
			assertThat(browser.login(port, username, password).statusCode()).isEqualTo(200);
			return browser;
		}

		HttpResponse<String> login(int port, String username, String password) throws Exception {
			return send(port, "POST", "/api/auth/login",
					"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		}

		HttpResponse<String> send(int port, String method, String path, @Nullable String json) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json))
				.header("X-Forwarded-For", address);
			if (json != null) {
				request.header("Content-Type", "application/json");
			}
			if (forwardedProto != null) {
				request.header("X-Forwarded-Proto", forwardedProto);
			}
			cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
				.map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static ConfigurableApplicationContext start(Path dataDir, List<String> extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--steward.data-dir=" + dataDir,
				"--steward.admin.password=" + TestStore.ADMIN_PASSWORD, "--steward.connection.sample.enabled=false"));
		args.addAll(extra);
		return new SpringApplicationBuilder(StewardApplication.class).run(args.toArray(String[]::new));
	}
}

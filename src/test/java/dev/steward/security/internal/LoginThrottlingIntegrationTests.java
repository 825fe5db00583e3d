package dev.steward.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * Every attempt here comes from its own loopback address (127.0.0.x, x ≥ 2), so the counters of 127.0.0.1,
 * which all other tests use, are never touched.
 */
@IntegrationTest
class LoginThrottlingIntegrationTests {

	private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(2);

	@LocalServerPort
	int port;

	@Autowired
	LoginThrottle throttle;

	@Autowired
	LoginThrottleProperties properties;

	@AfterEach
	void forgetFailures() {
		throttle.forgetAll();
	}

	@Test
	void anAttackersAddressWaitsWhileTheUserLogsInFromElsewhereAtOnce() {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi admin = TestApi.admin(port);
		String loginRejections = "/api/audit?action=http.post&targetType=auth&targetId=login";
		long rejectionsBefore = admin.get(loginRejections).json().get("totalElements").asLong();
		From attacker = new From(port);
		for (int i = 0; i < properties.freeFailures(); i++) {
			assertThat(attacker.login(user.username(), "wrong-password").statusCode()).isEqualTo(401);
		}
		HttpResponse<String> waiting = attacker.guessUntilWaitingAtLeast(user.username(), 4);

		// the right password from the attacker's address is not even looked at while the pair waits
		HttpResponse<String> refused = attacker.login(user.username(), user.password());
		assertThat(refused.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, properties.maxDelay().toSeconds());
		JsonNode problem = TestApi.JSON.readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString())
			.isEqualTo("Too many failed logins; try again in " + retryAfter + " seconds");
		assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("STEWARD_SESSION"));
		assertThat(waiting.statusCode()).isEqualTo(429);

		// the real user, from another address, gets in at once
		assertThat(new From(port).login(user.username(), user.password()).statusCode()).isEqualTo(200);
		assertThat(admin.get("/api/users").json().valueStream()
			.filter(u -> u.get("username").asString().equals(user.username()))
			.findFirst().orElseThrow().get("locked").asBoolean()).isFalse();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode page = admin.get("/api/audit?actor=" + user.username() + "&action=auth.login&size=200").json();
			List<String> outcomes = page.get("items").valueStream().map(n -> n.get("outcome").asString()).toList();
			assertThat(outcomes).contains("DENIED", "SUCCESS");
			assertThat(outcomes.stream().filter("FAILURE"::equals).count()).isGreaterThanOrEqualTo(4);
		});
		// one record per attempt: the rejected-call filter added nothing for these logins
		assertThat(admin.get(loginRejections).json().get("totalElements").asLong()).isEqualTo(rejectionsBefore);
	}

	@Test
	void unknownUsernamesWaitLikeRealOnes() {
		String ghost = TestUsers.uniqueName("ghost");
		From client = new From(port);
		for (int i = 0; i < properties.freeFailures(); i++) {
			assertThat(client.login(ghost, "whatever-it-is").statusCode()).isEqualTo(401);
		}
		assertThat(client.guessUntilWaitingAtLeast(ghost, 1).statusCode()).isEqualTo(429);
	}

	@Test
	void manyAddressesLockTheAccountAndAnAdminLiftsIt() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		lockOut(user.username());
		TestApi admin = TestApi.admin(port);
		JsonNode view = userView(admin, user.id());
		assertThat(view.get("locked").asBoolean()).isTrue();
		assertThat(view.get("lockedUntil").asString()).isNotBlank();

		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		assertThat(viewer.post("/api/users/" + user.id() + "/unlock", null).status()).isEqualTo(403);
		TestApi.Response unlocked = admin.post("/api/users/" + user.id() + "/unlock", null);
		assertThat(unlocked.status()).isEqualTo(200);
		assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
		assertThat(unlocked.json().get("lockedUntil").isNull()).isTrue();
		assertThat(throttle.accountLockedUntil(user.username())).isEmpty();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode page = admin.get("/api/audit?action=user.unlock&targetId=" + user.id()).json();
			assertThat(page.get("items").valueStream().map(n -> n.get("detail").asString()).toList())
				.containsExactly("Unlocked user " + user.username());
		});
	}

	@Test
	void aCorrectPasswordLiftsTheAccountLock() {
		TestUser user = TestUsers.create(port, "VIEWER");
		lockOut(user.username());
		assertThat(throttle.accountLockedUntil(user.username())).isPresent();
		assertThat(new From(port).login(user.username(), user.password()).statusCode()).isEqualTo(200);
		assertThat(throttle.accountLockedUntil(user.username())).isEmpty();
	}

	@Test
	void aPasswordResetLiftsTheLock() {
		TestUser user = TestUsers.create(port, "VIEWER");
		lockOut(user.username());
		TestApi admin = TestApi.admin(port);
		assertThat(admin.post("/api/users/" + user.id() + "/password", "{\"newPassword\":\"a-brand-new-password\"}")
			.status()).isEqualTo(204);
		assertThat(userView(admin, user.id()).get("locked").asBoolean()).isFalse();
	}

	@Test
	void forwardingHeadersFromAnUntrustedPeerDoNotChangeTheAddress() {
		String ghost = TestUsers.uniqueName("spoof");
		From client = new From(port);
		for (int i = 0; i < properties.freeFailures(); i++) {
			// a new forged address each time: were it believed, no pair would ever reach its limit
			assertThat(client.login(ghost, "guess", "X-Forwarded-For", "198.51.100." + i, "Forwarded",
					"for=198.51.101." + i).statusCode()).isEqualTo(401);
		}
		assertThat(client.guessUntilWaitingAtLeast(ghost, 1).statusCode()).isEqualTo(429);
		TestApi admin = TestApi.admin(port);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode page = admin.get("/api/audit?actor=" + ghost + "&action=auth.login").json();
			assertThat(page.get("items").valueStream().map(n -> n.get("sourceIp").asString()).distinct().toList())
				.containsExactly(client.address);
		});
	}

	/** Enough failures from enough addresses to lock the account, none of them making its pair wait. */
	private void lockOut(String username) {
		int perAddress = Math.max(1, properties.freeFailures());
		int addresses = Math.max(properties.accountLockAddresses(),
				(properties.accountLockFailures() + perAddress - 1) / perAddress);
		List<From> attackers = new ArrayList<>();
		for (int a = 0; a < addresses; a++) {
			attackers.add(new From(port));
		}
		for (From attacker : attackers) {
			for (int i = 0; i < perAddress; i++) {
				assertThat(attacker.login(username, "wrong-" + i).statusCode()).isEqualTo(401);
			}
		}
	}

	private static JsonNode userView(TestApi admin, String id) {
		return admin.get("/api/users").json().valueStream()
			.filter(u -> u.get("id").asString().equals(id))
			.findFirst()
			.orElseThrow();
	}

	/** A cookie session bound to its own loopback source address. */
	static final class From {

		private final HttpClient http;

		private final CookieManager cookies = new CookieManager();

		private final String base;

		final String address;

		From(int port) {
			this.address = "127.0.0." + NEXT_ADDRESS.getAndIncrement();
			try {
				this.http = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).cookieHandler(cookies)
					.build();
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			this.base = "http://127.0.0.1:" + port;
			send(HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).GET().build());
		}

		HttpResponse<String> login(String username, String password, String... headers) {
			String xsrf = cookies.getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
			String body = TestApi.JSON.createObjectNode().put("username", username).put("password", password).toString();
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
				.header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (headers.length > 0) {
				request.headers(headers);
			}
			return send(request.build());
		}

		/**
		 * Keeps guessing wrong (as fast as a careful attacker: one try whenever allowed) until the pair must wait at
		 * least {@code seconds}; robust against a slow machine, where a short wait may pass before the next try.
		 */
		HttpResponse<String> guessUntilWaitingAtLeast(String username, long seconds) {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				HttpResponse<String> r = login(username, "still-wrong");
				if (r.statusCode() == 429) {
					if (Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) >= seconds) {
						return r;
					}
					pause(Duration.ofMillis(300));
				}
				else {
					assertThat(r.statusCode()).isEqualTo(401);
				}
			}
			throw new AssertionError("the pair never had to wait " + seconds + " s");
		}

		private static void pause(Duration d) {
			try {
				Thread.sleep(d);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				return http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}
}

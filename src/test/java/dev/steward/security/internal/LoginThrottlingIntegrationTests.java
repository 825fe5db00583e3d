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
 * Every attempt here comes from its own loopback address (127.0.0.x, x ≥ 2), so the per-address counter of
 * 127.0.0.1, which all other tests use, is never touched.
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
	void aUsernameIsLockedAfterFiveFailuresEvenForTheRightPassword() {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi admin = TestApi.admin(port);
		String loginRejections = "/api/audit?action=http.post&targetType=auth&targetId=login";
		long rejectionsBefore = admin.get(loginRejections).json().get("totalElements").asLong();
		From client = new From(port);
		for (int i = 0; i < properties.maxFailuresPerUser(); i++) {
			assertThat(client.login(user.username(), "wrong-password").statusCode()).isEqualTo(401);
		}
		// from another address too: the username itself is locked
		HttpResponse<String> locked = new From(port).login(user.username(), user.password());
		assertThat(locked.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, properties.lockout().toSeconds());
		JsonNode problem = TestApi.JSON.readTree(locked.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString())
			.isEqualTo("Too many failed logins; try again in " + retryAfter + " seconds");
		assertThat(locked.headers().firstValue("Set-Cookie").orElse("")).doesNotContain("STEWARD_SESSION");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode page = admin.get("/api/audit?actor=" + user.username() + "&action=auth.login").json();
			assertThat(page.get("items").valueStream().map(n -> n.get("outcome").asString()).toList())
				.containsExactlyInAnyOrder("DENIED", "FAILURE", "FAILURE", "FAILURE", "FAILURE", "FAILURE");
		});
		// one record per attempt: the rejected-call filter added nothing for these logins
		assertThat(admin.get(loginRejections).json().get("totalElements").asLong()).isEqualTo(rejectionsBefore);
	}

	@Test
	void aSuccessResetsTheUsernameCounter() {
		TestUser user = TestUsers.create(port, "VIEWER");
		From client = new From(port);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < properties.maxFailuresPerUser() - 1; i++) {
				assertThat(client.login(user.username(), "wrong-password").statusCode()).isEqualTo(401);
			}
			assertThat(client.login(user.username(), user.password()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void unknownUsernamesAreThrottledLikeRealOnes() {
		String ghost = TestUsers.uniqueName("ghost");
		From client = new From(port);
		for (int i = 0; i < properties.maxFailuresPerUser(); i++) {
			assertThat(client.login(ghost, "whatever-it-is").statusCode()).isEqualTo(401);
		}
		assertThat(client.login(ghost, "whatever-it-is").statusCode()).isEqualTo(429);
	}

	@Test
	void anAddressIsLockedAfterItsOwnHigherLimit() {
		assertThat(properties.maxFailuresPerIp()).isGreaterThan(properties.maxFailuresPerUser());
		TestUser user = TestUsers.create(port, "OPERATOR");
		From attacker = new From(port);
		for (int i = 0; i < properties.maxFailuresPerIp(); i++) {
			// a different username each time: no username reaches its own limit
			assertThat(attacker.login(TestUsers.uniqueName("spray"), "guess-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(attacker.login(user.username(), user.password()).statusCode()).isEqualTo(429);
		// the user is not locked out from elsewhere
		assertThat(new From(port).login(user.username(), user.password()).statusCode()).isEqualTo(200);
	}

	/** A cookie session bound to its own loopback source address. */
	static final class From {

		private final HttpClient http;

		private final CookieManager cookies = new CookieManager();

		private final String base;

		From(int port) {
			try {
				InetAddress local = InetAddress.getByName("127.0.0." + NEXT_ADDRESS.getAndIncrement());
				this.http = HttpClient.newBuilder().localAddress(local).cookieHandler(cookies).build();
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			this.base = "http://127.0.0.1:" + port;
			send(HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).GET().build());
		}

		HttpResponse<String> login(String username, String password) {
			String xsrf = cookies.getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
			String body = TestApi.JSON.createObjectNode().put("username", username).put("password", password).toString();
			return send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
				.header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
				.POST(HttpRequest.BodyPublishers.ofString(body)).build());
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

package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * API-token and anonymous requests are stateless: a script calling the API thousands of times, or a scanner,
 * must not leave a server-side session (8 h each) behind per call. Found by profiling {@code /api/connections}
 * under wrk, where session creation was a large share of each request's CPU.
 */
@IntegrationTest
@Import(BearerRequestsIntegrationTests.SessionCounter.class)
class BearerRequestsIntegrationTests {

	static final AtomicInteger CREATED = new AtomicInteger();

	@TestConfiguration
	static class SessionCounter {

		@Bean
		HttpSessionListener countingSessionListener() {
			return new HttpSessionListener() {
				@Override
				public void sessionCreated(HttpSessionEvent event) {
					CREATED.incrementAndGet();
				}
			};
		}
	}

	@LocalServerPort
	int port;

	@Test
	void bearerCallsCreateNoSession() {
		TestApi session = TestUsers.create(port, "VIEWER").login(port);
		String token = session.post("/api/tokens", "{\"name\":\"script\"}").json().get("token").asString();
		TestApi bearer = TestApi.bearer(port, token);
		int before = CREATED.get();
		for (int i = 0; i < 5; i++) {
			Response r = bearer.get("/api/connections");
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("STEWARD_SESSION="));
		}
		assertThat(CREATED.get() - before).isZero();
	}

	@Test
	void anonymousCallsCreateNoSession() throws Exception {
		HttpClient client = HttpClient.newHttpClient(); // no cookies, as a scanner
		int before = CREATED.get();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> r = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/connections")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(401);
			assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("STEWARD_SESSION="));
		}
		assertThat(CREATED.get() - before).isZero();
	}

	@Test
	void aLoginStillStartsASessionThatWorks() {
		TestApi session = TestUsers.create(port, "VIEWER").login(port);
		assertThat(session.get("/api/auth/me").status()).isEqualTo(200);
		assertThat(session.get("/api/connections").status()).isEqualTo(200);
	}
}

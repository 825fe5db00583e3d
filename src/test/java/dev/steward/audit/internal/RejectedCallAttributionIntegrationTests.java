package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * Calls refused before the security chain has authenticated them are still attributed to whoever sent them, and
 * a failure the handler already put on record is not recorded a second time.
 */
@IntegrationTest
class RejectedCallAttributionIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aCsrfRefusalOfALoggedInUserIsRecordedUnderTheirName() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		Session session = new Session(port, user);
		String target = UUID.randomUUID().toString();
		HttpResponse<String> r = session.post("/api/users/" + target + "/password", "{\"newPassword\":\"x\"}", false,
				null);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
		JsonNode record = awaitOne("/api/audit?targetId=" + target);
		assertThat(record.get("actor").asString()).isEqualTo(user.username());
		assertThat(record.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(record.get("detail").asString()).isEqualTo("POST /api/users/" + target + "/password \u2192 403");
	}

	@Test
	void aBodyTooLargeFromALoggedInUserOrTheirTokenIsRecordedUnderTheirName() {
		TestUser user = TestUsers.create(port, "VIEWER");
		Session session = new Session(port, user);
		String big = "{\"name\":\"" + "x".repeat(300_000) + "\"}";
		String target = UUID.randomUUID().toString();
		HttpResponse<String> r = session.post("/api/tokens/" + target, big, true, null);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
		JsonNode record = awaitOne("/api/audit?targetId=" + target);
		assertThat(record.get("actor").asString()).isEqualTo(user.username());
		assertThat(record.get("outcome").asString()).isEqualTo("FAILURE");

		TestApi.Response token = user.login(port).post("/api/tokens", "{\"name\":\"big bodies\"}");
		assertThat(token.status()).as(token.body()).isEqualTo(201);
		String viaToken = UUID.randomUUID().toString();
		HttpResponse<String> byToken = new Session(port).post("/api/tokens/" + viaToken, big, false,
				token.json().get("token").asString());
		assertThat(byToken.statusCode()).isEqualTo(413);
		assertThat(awaitOne("/api/audit?targetId=" + viaToken).get("actor").asString()).isEqualTo(user.username());
	}

	@Test
	void aFailedExactCountIsRecordedOnce() {
		TestApi admin = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("audit_count")) {
			db.exec("CREATE TABLE soon_gone (id int)");
			TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "count " + db.name())
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			String count = "/api/connections/" + id + "/catalog/object/count?name=soon_gone&database=" + db.name()
					+ "&schema=public";
			assertThat(admin.post(count, null).status()).isEqualTo(200);
			db.exec("DROP TABLE soon_gone"); // dropped meanwhile, as the tree still shows it

			TestApi.Response failed = admin.post(count, null);
			assertThat(failed.status()).as(failed.body()).isEqualTo(404);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> total("/api/audit?action=catalog.count&outcome=FAILURE&targetId=" + id) == 1);
			assertThat(total("/api/audit?action=http.post&targetId=" + id)).isZero();
			assertThat(total("/api/audit?outcome=FAILURE&targetId=" + id)).isEqualTo(1);
		}
	}

	private JsonNode awaitOne(String query) {
		TestApi admin = TestApi.admin(port);
		await().atMost(Duration.ofSeconds(10)).until(() -> total(query) > 0);
		JsonNode page = admin.get(query).json();
		assertThat(page.get("totalElements").asLong()).as(page.toString()).isEqualTo(1);
		return page.get("items").get(0);
	}

	private long total(String query) {
		TestApi.Response r = TestApi.admin(port).get(query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json().get("totalElements").asLong();
	}

	/** A browser-like cookie session whose requests may leave out the CSRF header. */
	static final class Session {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

		private final String base;

		Session(int port) {
			this.base = "http://127.0.0.1:" + port;
		}

		Session(int port, TestUser user) {
			this(port);
			send(HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).GET().build());
			HttpResponse<String> login = post("/api/auth/login", TestApi.JSON.createObjectNode()
				.put("username", user.username()).put("password", user.password()).toString(), true, null);
			assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		}

		HttpResponse<String> post(String path, String json, boolean withCsrf, @Nullable String bearer) {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.header("Content-Type", "application/json");
			if (withCsrf) {
				b.header("X-XSRF-TOKEN", cookies.getCookieStore().getCookies().stream()
					.filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow());
			}
			if (bearer != null) {
				b.header("Authorization", "Bearer " + bearer);
			}
			return send(b.build());
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

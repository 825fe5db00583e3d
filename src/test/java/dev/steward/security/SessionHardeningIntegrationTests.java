package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import dev.steward.test.TestUsers;

/** The XSRF token rotates at login and logout, cookies are Secure only over HTTPS, roles are checked first. */
@IntegrationTest
class SessionHardeningIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theXsrfTokenRotatesAtLoginAndLogout() throws Exception {
		Client client = new Client();
		client.send("GET", "/api/auth/csrf", null);
		String before = client.xsrf();
		HttpResponse<String> login = client.send("POST", "/api/auth/login",
				"{\"username\":\"admin\",\"password\":\"" + TestStore.ADMIN_PASSWORD + "\"}");
		assertThat(login.statusCode()).isEqualTo(200);
		String afterLogin = client.xsrf();
		assertThat(afterLogin).isNotEqualTo(before);
		// the token an attacker may have planted or seen before the login is worthless after it
		assertThat(client.sendWithToken("POST", "/api/auth/sessions/revoke-others", before).statusCode()).isEqualTo(403);
		assertThat(client.send("POST", "/api/auth/logout", null).statusCode()).isEqualTo(204);
		assertThat(client.xsrf()).isNotEqualTo(afterLogin);
	}

	@Test
	void cookiesAreNotSecureOverPlainHttpEvenIfAnUntrustedPeerClaimsHttps() throws Exception {
		Client client = new Client();
		client.send("GET", "/api/auth/csrf", null);
		HttpResponse<String> login = client.send("POST", "/api/auth/login",
				"{\"username\":\"admin\",\"password\":\"" + TestStore.ADMIN_PASSWORD + "\"}", "X-Forwarded-Proto",
				"https", "Forwarded", "proto=https");
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).anyMatch(c -> c.startsWith("STEWARD_SESSION="));
		assertThat(cookies).allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("secure"));
	}

	@Test
	void theApiDocumentNeedsALogin() {
		assertThat(TestApi.anonymous(port).get("/v3/api-docs").status()).isEqualTo(401);
		assertThat(TestApi.anonymous(port).get("/swagger-ui.html").status()).isEqualTo(401);
		assertThat(TestUsers.create(port, "VIEWER").login(port).get("/v3/api-docs").status()).isEqualTo(200);
	}

	@Test
	void theRoleIsCheckedBeforeTheBodyIsRead() {
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		// were the body validated first, these would be 400s that spell out the field rules
		assertRefused(viewer.post("/api/users", "{\"username\":\"x\",\"password\":\"short\"}"));
		assertRefused(operator.post("/api/users", "{\"username\":\"x\",\"password\":\"short\"}"));
		assertRefused(viewer.post("/api/backups", "{\"kind\":\"nonsense\",\"compressionLevel\":99}"));
		assertRefused(viewer.post("/api/connections", "{\"bogus\":1}"));
		assertRefused(viewer.post("/api/connections", "not json at all"));
		assertRefused(viewer.post("/api/users/" + java.util.UUID.randomUUID() + "/unlock", null));
		// with the role, the same body is judged on its merits
		assertThat(TestApi.admin(port).post("/api/users", "{\"username\":\"x\",\"password\":\"short\"}").status())
			.isEqualTo(400);
	}

	private static void assertRefused(TestApi.Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(403);
		assertThat(r.body()).doesNotContain("password").doesNotContain("must");
	}

	private final class Client {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

		String xsrf() {
			return cookies.getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
		}

		HttpResponse<String> send(String method, String path, String json, String... headers)
				throws IOException, InterruptedException {
			String token = cookies.getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse(null);
			return sendWithToken(method, path, token, json, headers);
		}

		HttpResponse<String> sendWithToken(String method, String path, String token)
				throws IOException, InterruptedException {
			return sendWithToken(method, path, token, null);
		}

		HttpResponse<String> sendWithToken(String method, String path, String token, String json, String... headers)
				throws IOException, InterruptedException {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json))
				.header("Content-Type", "application/json");
			if (token != null) {
				b.header("X-XSRF-TOKEN", token);
			}
			if (headers.length > 0) {
				b.headers(headers);
			}
			return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
	}
}

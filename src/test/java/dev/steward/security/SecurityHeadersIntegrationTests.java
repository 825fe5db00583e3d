package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

@IntegrationTest
class SecurityHeadersIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void apiResponsesCarryTheSecurityHeaders() {
		TestApi.Response me = TestApi.admin(port).get("/api/auth/me");
		assertThat(me.status()).isEqualTo(200);
		assertSecurityHeaders(me.headers());
	}

	@Test
	void refusedApiResponsesCarryThemToo() {
		TestApi.Response refused = TestApi.anonymous(port).get("/api/users");
		assertThat(refused.status()).isEqualTo(401);
		assertSecurityHeaders(refused.headers());
	}

	@Test
	void theAppShellCarriesTheSecurityHeaders() throws Exception {
		// asked for as a browser does; with -Dskip.web=true there is no built index.html, so "/" may be a 404,
		// but the headers must be there either way
		HttpResponse<String> root = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connections"))
				.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(root.statusCode()).isIn(200, 404);
		assertSecurityHeaders(root.headers());
	}

	private static void assertSecurityHeaders(HttpHeaders headers) {
		assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-eval"));
		assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
		assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
		assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
	}
}

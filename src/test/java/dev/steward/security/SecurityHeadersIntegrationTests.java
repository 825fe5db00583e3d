package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;

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
	void theAppShellCarriesTheSecurityHeaders() {
		// with -Dskip.web=true there is no built index.html, so "/" may be a 404; the headers must be there either way
		TestApi.Response root = TestApi.anonymous(port).get("/");
		assertThat(root.status()).isIn(200, 404);
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

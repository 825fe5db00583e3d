package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

@IntegrationTest
class SmokeIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void adminLogsInAndSeesThemself() {
		TestApi api = TestApi.admin(port);
		TestApi.Response me = api.get("/api/auth/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo("admin");
		assertThat(me.json().get("role").asString()).isEqualTo("ADMIN");
	}

	@Test
	void unknownApiPathIsAJsonProblem() {
		TestApi.Response r = TestApi.admin(port).get("/api/no-such-thing");
		assertThat(r.status()).isEqualTo(404);
		assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
	}

	@Test
	void anonymousIsTurnedAwayWithAProblem() {
		TestApi.Response r = TestApi.anonymous(port).get("/api/auth/me");
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.json().get("title").asString()).isEqualTo("Unauthenticated");
	}

	@Test
	void healthIsPublicAndTheOpenApiDocumentNeedsALogin() {
		TestApi api = TestApi.anonymous(port);
		assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
		assertThat(TestApi.admin(port).get("/v3/api-docs").status()).isEqualTo(200);
	}

	@Test
	void wrongPasswordIsRefused() {
		TestApi api = TestApi.anonymous(port);
		TestApi.Response r = api.post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"nope\"}");
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.json().get("detail").asString()).isEqualTo("Invalid username or password");
	}
}

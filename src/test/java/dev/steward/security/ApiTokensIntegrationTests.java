package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiTokensIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createUseAndRevoke() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi session = user.login(port);
		Response created = session.post("/api/tokens", "{\"name\":\"deploy script\",\"expiresInDays\":30}");
		assertThat(created.status()).isEqualTo(201);
		JsonNode body = created.json();
		String token = body.get("token").asString();
		assertThat(token).matches("stw_[A-Za-z0-9_-]{43}");
		assertThat(body.get("prefix").asString()).isEqualTo(token.substring(4, 12));
		assertThat(body.get("name").asString()).isEqualTo("deploy script");
		assertThat(OffsetDateTime.parse(body.get("expiresAt").asString()))
			.isBetween(OffsetDateTime.now(ZoneOffset.UTC).plusDays(29), OffsetDateTime.now(ZoneOffset.UTC).plusDays(31));
		String id = body.get("id").asString();

		// only a hash is stored
		String stored = jdbc.sql("SELECT token_hash FROM api_tokens WHERE id = ?").param(UUID.fromString(id))
			.query(String.class).single();
		assertThat(stored).hasSize(64).isNotEqualTo(token).doesNotContain(token.substring(4));

		TestApi bearer = TestApi.bearer(port, token);
		JsonNode me = bearer.get("/api/auth/me").json();
		assertThat(me.get("username").asString()).isEqualTo(user.username());
		assertThat(me.get("role").asString()).isEqualTo("OPERATOR");

		JsonNode listed = session.get("/api/tokens").json().valueStream()
			.filter(t -> t.get("id").asString().equals(id)).findFirst().orElseThrow();
		assertThat(listed.has("token")).isFalse();
		assertThat(listed.get("prefix").asString()).isEqualTo(token.substring(4, 12));
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();
		assertThat(listed.get("revokedAt").isNull()).isTrue();
		assertThat(session.get("/api/tokens").body()).doesNotContain(token);

		assertThat(session.delete("/api/tokens/" + id).status()).isEqualTo(204);
		Response refused = bearer.get("/api/auth/me");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("title").asString()).isEqualTo("Invalid API token");
		assertThat(session.get("/api/tokens").json().valueStream()
			.filter(t -> t.get("id").asString().equals(id)).findFirst().orElseThrow()
			.get("revokedAt").isNull()).isFalse();
	}

	@Test
	void anExpiredTokenIsRefused() {
		TestApi session = TestUsers.create(port, "VIEWER").login(port);
		JsonNode created = session.post("/api/tokens", "{\"name\":\"short-lived\",\"expiresInDays\":1}").json();
		TestApi bearer = TestApi.bearer(port, created.get("token").asString());
		assertThat(bearer.get("/api/auth/me").status()).isEqualTo(200);
		jdbc.sql("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
			.params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), UUID.fromString(created.get("id").asString()))
			.update();
		assertThat(bearer.get("/api/auth/me").status()).isEqualTo(401);
	}

	@Test
	void aTokenCarriesItsUsersRole() {
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi viewerToken = TestApi.bearer(port,
				viewer.post("/api/tokens", "{\"name\":\"read only\"}").json().get("token").asString());
		String newUser = TestApi.JSON.createObjectNode().put("username", TestUsers.uniqueName("via-token"))
			.put("password", "a-fine-password-1").put("role", "VIEWER").toString();
		assertThat(viewerToken.get("/api/audit").status()).isEqualTo(200);
		assertThat(viewerToken.post("/api/users", newUser).status()).isEqualTo(403);
		assertThat(viewerToken.get("/api/users").status()).isEqualTo(403);

		TestApi adminToken = TestApi.bearer(port,
				TestUsers.create(port, "ADMIN").login(port).post("/api/tokens", "{\"name\":\"admin\"}").json()
					.get("token").asString());
		// no cookie and no CSRF header needed with a bearer token
		assertThat(adminToken.post("/api/users", newUser).status()).isEqualTo(201);
	}

	@Test
	void garbageTokensAndOthersTokensAreRefused() {
		assertThat(TestApi.bearer(port, "stw_" + "A".repeat(43)).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.bearer(port, "not-even-a-token").get("/api/tokens").status()).isEqualTo(401);
		assertThat(TestApi.bearer(port, "").get("/api/tokens").status()).isEqualTo(401);

		TestApi owner = TestUsers.create(port, "OPERATOR").login(port);
		String id = owner.post("/api/tokens", "{\"name\":\"mine\"}").json().get("id").asString();
		TestApi other = TestUsers.create(port, "ADMIN").login(port);
		assertThat(other.delete("/api/tokens/" + id).status()).isEqualTo(404);
		assertThat(other.get("/api/tokens").body()).doesNotContain(id);
		assertThat(owner.delete("/api/tokens/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void aTokenCannotMintAnotherToken() {
		TestApi session = TestUsers.create(port, "OPERATOR").login(port);
		TestApi bearer = TestApi.bearer(port, session.post("/api/tokens", "{\"name\":\"ci\"}").json().get("token").asString());
		assertThat(bearer.post("/api/tokens", "{\"name\":\"successor\"}").status()).isEqualTo(403);
		assertThat(session.get("/api/tokens").json().size()).isEqualTo(1);
	}

	@Test
	void badInputNamesTheField() {
		TestApi session = TestUsers.create(port, "VIEWER").login(port);
		assertThat(UsersIntegrationTests.fields(session.post("/api/tokens", "{\"name\":\"\"}"))).containsExactly("name");
		assertThat(UsersIntegrationTests.fields(session.post("/api/tokens",
				TestApi.JSON.createObjectNode().put("name", "x".repeat(101)).toString()))).containsExactly("name");
		assertThat(UsersIntegrationTests.fields(session.post("/api/tokens",
				TestApi.JSON.createObjectNode().put("name", "nul\u0000").toString()))).containsExactly("name");
		assertThat(UsersIntegrationTests.fields(session.post("/api/tokens", "{\"name\":\"a\",\"expiresInDays\":0}")))
			.containsExactly("expiresInDays");
		assertThat(UsersIntegrationTests.fields(session.post("/api/tokens", "{\"name\":\"a\",\"expiresInDays\":3651}")))
			.containsExactly("expiresInDays");
		assertThat(UsersIntegrationTests.fields(session.post("/api/tokens", "{\"name\":\"a\",\"scope\":\"all\"}")))
			.containsExactly("scope");
		assertThat(UsersIntegrationTests.fields(session.delete("/api/tokens/123"))).containsExactly("id");
		assertThat(session.get("/api/tokens").json().size()).isZero();
	}

	@Test
	void theRequestLogNamesTheAuthenticatedUser(CapturedOutput output) {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi session = user.login(port);
		String token = session.post("/api/tokens", "{\"name\":\"log\"}").json().get("token").asString();
		session.get("/api/tokens");
		TestApi.bearer(port, token).get("/api/auth/me");
		assertThat(output.getOut().lines()
			.filter(l -> l.contains("steward.request") && l.contains("user=\"" + user.username() + "\""))
			.filter(l -> l.contains("path=\"/api/tokens\"") || l.contains("path=\"/api/auth/me\"")))
			.hasSizeGreaterThanOrEqualTo(3);
	}
}

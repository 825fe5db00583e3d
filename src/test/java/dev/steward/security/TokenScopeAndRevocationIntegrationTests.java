package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/** Issue 13, sessions and tokens: read-only tokens, an admin's view and revocation of a user's tokens. */
@IntegrationTest
class TokenScopeAndRevocationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aReadOnlyTokenReadsButCannotChangeAnythingAndIsRefusedBeforeItsBodyIsRead() {
		TestApi session = TestUsers.create(port, "OPERATOR").login(port);
		JsonNode created = session.post("/api/tokens", "{\"name\":\"dashboards\",\"readOnly\":true}").json();
		assertThat(created.get("readOnly").asBoolean()).isTrue();
		TestApi bearer = TestApi.bearer(port, created.get("token").asString());

		assertThat(bearer.get("/api/connections").status()).isEqualTo(200);
		Response write = bearer.post("/api/connections", "{\"not\":\"valid\"}");
		assertThat(write.status()).as(write.body()).isEqualTo(403);
		assertThat(write.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(write.json().get("title").asString()).isEqualTo("Read-only API token");
		assertThat(write.body()).doesNotContain("name").doesNotContain("engine");
		assertThat(bearer.delete("/api/tokens/" + created.get("id").asString()).status()).isEqualTo(403);

		JsonNode listed = session.get("/api/tokens").json().valueStream()
			.filter(t -> t.get("id").asString().equals(created.get("id").asString())).findFirst().orElseThrow();
		assertThat(listed.get("readOnly").asBoolean()).isTrue();
		JsonNode full = session.post("/api/tokens", "{\"name\":\"deploy\"}").json();
		assertThat(full.get("readOnly").asBoolean()).isFalse();
	}

	@Test
	void anAdminListsAndRevokesAllOfAUsersTokensAndOthersMayNot() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi session = user.login(port);
		String one = session.post("/api/tokens", "{\"name\":\"one\"}").json().get("token").asString();
		String two = session.post("/api/tokens", "{\"name\":\"two\",\"readOnly\":true}").json().get("token").asString();
		TestApi admin = TestApi.admin(port);

		JsonNode listed = admin.get("/api/users/" + user.id() + "/tokens").json();
		assertThat(listed.size()).isEqualTo(2);
		assertThat(listed.toString()).doesNotContain(one).doesNotContain(two);

		TestApi other = TestUsers.create(port, "OPERATOR").login(port);
		assertThat(other.get("/api/users/" + user.id() + "/tokens").status()).isEqualTo(403);
		assertThat(other.post("/api/users/" + user.id() + "/tokens/revoke", null).status()).isEqualTo(403);
		assertThat(TestApi.bearer(port, one).get("/api/auth/me").status()).isEqualTo(200);

		Response revoked = admin.post("/api/users/" + user.id() + "/tokens/revoke", null);
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.json().get("revoked").asInt()).isEqualTo(2);
		assertThat(TestApi.bearer(port, one).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.bearer(port, two).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(session.get("/api/auth/me").status()).as("the user's session is not a token").isEqualTo(200);
		assertThat(admin.get("/api/audit?action=token.revoke-all&targetId=" + user.id()).json().get("items").size())
			.isEqualTo(1);
		assertThat(admin.get("/api/users/00000000-0000-0000-0000-000000000000/tokens").status()).isEqualTo(404);
	}
}

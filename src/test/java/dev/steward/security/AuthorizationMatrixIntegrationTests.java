package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;

/** Every security/audit endpoint, called as ADMIN, OPERATOR, VIEWER and anonymous, against its expected status. */
@IntegrationTest
class AuthorizationMatrixIntegrationTests {

	private static final String[] ROLES = { "ADMIN", "OPERATOR", "VIEWER", "ANONYMOUS" };

	@LocalServerPort
	int port;

	/** One caller per role for a row; {@code target} is a user the row may act on. */
	record Caller(String role, TestApi api, TestUser target, @org.jspecify.annotations.Nullable TestUser self) {
	}

	@Test
	void everyEndpointAnswersEachRoleAsSpecified() {
		Map<String, Row> rows = new LinkedHashMap<>();
		rows.put("GET /api/auth/me", new Row(c -> c.api().get("/api/auth/me").status(), 200, 200, 200, 401));
		rows.put("GET /api/auth/csrf", new Row(c -> c.api().get("/api/auth/csrf").status(), 200, 200, 200, 200));
		rows.put("POST /api/auth/password", new Row(c -> c.api().post("/api/auth/password", TestApi.JSON
			.createObjectNode().put("currentPassword", c.self() == null ? "whatever-pass" : c.self().password())
			.put("newPassword", c.self() == null ? "whatever-pass-2" : c.self().password()).toString()).status(),
				204, 204, 204, 401));
		rows.put("GET /api/users", new Row(c -> c.api().get("/api/users").status(), 200, 403, 403, 401));
		rows.put("POST /api/users", new Row(c -> c.api().post("/api/users", TestApi.JSON.createObjectNode()
			.put("username", TestUsers.uniqueName("m")).put("password", "a-fine-password-1").put("role", "VIEWER")
			.toString()).status(), 201, 403, 403, 401));
		rows.put("PATCH /api/users/{id}", new Row(
				c -> c.api().patch("/api/users/" + c.target().id(), "{\"enabled\":true}").status(), 200, 403, 403, 401));
		rows.put("POST /api/users/{id}/password", new Row(c -> c.api().post("/api/users/" + c.target().id()
				+ "/password", "{\"newPassword\":\"a-fine-password-2\"}").status(), 204, 403, 403, 401));
		rows.put("POST /api/users/{id}/unlock", new Row(
				c -> c.api().post("/api/users/" + c.target().id() + "/unlock", null).status(), 200, 403, 403, 401));
		rows.put("POST /api/auth/sessions/revoke-others", new Row(
				c -> c.api().post("/api/auth/sessions/revoke-others", null).status(), 204, 204, 204, 401));
		rows.put("GET /api/tokens", new Row(c -> c.api().get("/api/tokens").status(), 200, 200, 200, 401));
		rows.put("POST /api/tokens",
				new Row(c -> c.api().post("/api/tokens", "{\"name\":\"matrix\"}").status(), 201, 201, 201, 401));
		rows.put("DELETE /api/tokens/{id}", new Row(c -> {
			if (c.self() == null) {
				return c.api().delete("/api/tokens/" + java.util.UUID.randomUUID()).status();
			}
			String id = c.api().post("/api/tokens", "{\"name\":\"to revoke\"}").json().get("id").asString();
			return c.api().delete("/api/tokens/" + id).status();
		}, 204, 204, 204, 401));
		rows.put("GET /api/audit", new Row(c -> c.api().get("/api/audit").status(), 200, 200, 200, 401));
		rows.put("GET /api/audit/verify", new Row(c -> c.api().get("/api/audit/verify").status(), 200, 403, 403, 401));
		rows.put("GET /api/audit/actions", new Row(c -> c.api().get("/api/audit/actions").status(), 200, 200, 200, 401));
		rows.put("POST /api/auth/logout", new Row(c -> c.api().post("/api/auth/logout", null).status(), 204, 204, 204,
				401));

		Map<String, TestUser> users = new LinkedHashMap<>();
		Map<String, TestApi> sessions = new LinkedHashMap<>();
		for (String role : List.of("ADMIN", "OPERATOR", "VIEWER")) {
			TestUser user = TestUsers.create(port, role);
			users.put(role, user);
			sessions.put(role, user.login(port));
		}
		sessions.put("ANONYMOUS", TestApi.anonymous(port));
		TestUser target = TestUsers.create(port, "VIEWER");

		List<String> mismatches = new ArrayList<>();
		rows.forEach((endpoint, row) -> {
			for (int i = 0; i < ROLES.length; i++) {
				String role = ROLES[i];
				int actual = row.call().apply(new Caller(role, sessions.get(role), target, users.get(role)));
				if (actual != row.expected()[i]) {
					mismatches.add(endpoint + " as " + role + ": expected " + row.expected()[i] + " but was " + actual);
				}
			}
		});
		assertThat(mismatches).isEmpty();
	}

	record Row(Function<Caller, Integer> call, int... expected) {
	}
}

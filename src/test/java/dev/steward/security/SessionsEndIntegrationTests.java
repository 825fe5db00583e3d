package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;

/** A password change, a reset or "sign out everywhere else" ends the user's other sessions at once. */
@IntegrationTest
class SessionsEndIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void changingYourPasswordEndsYourOtherSessionsButKeepsThisOneAndYourTokens() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi here = user.login(port);
		TestApi elsewhere = user.login(port);
		String token = token(here);

		assertThat(here.post("/api/auth/password", change(user.password(), "a-much-better-password", null)).status())
			.isEqualTo(204);
		assertThat(elsewhere.get("/api/auth/me").status()).isEqualTo(401);
		assertThat(elsewhere.get("/api/connections").status()).isEqualTo(401);
		assertThat(here.get("/api/auth/me").status()).isEqualTo(200);
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).as("tokens kept unless asked").isEqualTo(200);
		assertThat(audit(user, "user.password-change"))
			.containsExactly("Password changed; other sessions ended");
	}

	@Test
	void aSelfChangeMayRevokeAllYourTokens() {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi here = user.login(port);
		String first = token(here);
		String second = token(here);
		assertThat(here.post("/api/auth/password", change(user.password(), "a-much-better-password", true)).status())
			.isEqualTo(204);
		assertThat(TestApi.bearer(port, first).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.bearer(port, second).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(here.get("/api/auth/me").status()).isEqualTo(200);
		assertThat(here.get("/api/tokens").json().valueStream().allMatch(t -> !t.get("revokedAt").isNull())).isTrue();
		assertThat(audit(user, "user.password-change"))
			.containsExactly("Password changed; other sessions ended; revoked 2 API token(s)");
	}

	@Test
	void anAdminResetEndsAllSessionsAndRevokesAllTokens() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi one = user.login(port);
		TestApi two = user.login(port);
		String token = token(one);
		assertThat(TestApi.admin(port).post("/api/users/" + user.id() + "/password",
				"{\"newPassword\":\"a-brand-new-password\"}").status()).isEqualTo(204);
		assertThat(one.get("/api/auth/me").status()).isEqualTo(401);
		assertThat(two.get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.login(port, user.username(), "a-brand-new-password").get("/api/auth/me").status())
			.isEqualTo(200);
		assertThat(audit(user, "user.password-reset"))
			.containsExactly("Password reset by an administrator; all sessions ended; revoked 1 API token(s)");
	}

	@Test
	void signingOutEverywhereElseKeepsOnlyThisSession() {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi here = user.login(port);
		TestApi elsewhere = user.login(port);
		String token = token(here);
		assertThat(here.post("/api/auth/sessions/revoke-others", null).status()).isEqualTo(204);
		assertThat(elsewhere.get("/api/auth/me").status()).isEqualTo(401);
		assertThat(here.get("/api/auth/me").status()).isEqualTo(200);
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(200);
		// a later login is a fresh, valid session
		assertThat(user.login(port).get("/api/auth/me").status()).isEqualTo(200);
		assertThat(here.get("/api/auth/me").status()).isEqualTo(200);
		assertThat(audit(user, "auth.sessions-revoke")).containsExactly("Signed out everywhere else");
	}

	private List<String> audit(TestUser user, String action) {
		TestApi admin = TestApi.admin(port);
		String path = "/api/audit?action=" + action + "&targetId=" + user.id();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get(path).json().get("totalElements").asLong() > 0);
		return admin.get(path).json().get("items").valueStream().map(n -> n.get("detail").asString()).toList();
	}

	private static String token(TestApi session) {
		TestApi.Response created = session.post("/api/tokens", "{\"name\":\"ci\"}");
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("token").asString();
	}

	private static String change(String current, String next, Boolean revokeTokens) {
		var body = TestApi.JSON.createObjectNode().put("currentPassword", current).put("newPassword", next);
		if (revokeTokens != null) {
			body.put("revokeTokens", revokeTokens);
		}
		return body.toString();
	}
}

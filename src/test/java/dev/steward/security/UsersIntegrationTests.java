package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class UsersIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void adminCreatesAUserWhoCanLogIn() {
		TestApi admin = TestApi.admin(port);
		String name = TestUsers.uniqueName("new");
		Response created = admin.post("/api/users", user(name, "correct-horse-battery", "OPERATOR"));
		assertThat(created.status()).isEqualTo(201);
		JsonNode view = created.json();
		assertThat(view.get("username").asString()).isEqualTo(name);
		assertThat(view.get("role").asString()).isEqualTo("OPERATOR");
		assertThat(view.get("enabled").asBoolean()).isTrue();
		assertThat(view.get("createdAt").asString()).isNotBlank();
		assertThat(view.has("password")).isFalse();
		assertThat(view.has("passwordHash")).isFalse();

		assertThat(usernames(admin)).contains(name);
		assertThat(TestApi.login(port, name, "correct-horse-battery").get("/api/auth/me").json().get("role").asString())
			.isEqualTo("OPERATOR");
		assertThat(admin.post("/api/users", user(name, "another-password", "VIEWER")).status()).isEqualTo(409);
	}

	@Test
	void longPasswordsWork() {
		String password = "p".repeat(256);
		String name = TestUsers.uniqueName("long");
		assertThat(TestApi.admin(port).post("/api/users", user(name, password, "VIEWER")).status()).isEqualTo(201);
		assertThat(TestApi.login(port, name, password).get("/api/auth/me").status()).isEqualTo(200);
		Response wrong = TestApi.anonymous(port).post("/api/auth/login",
				TestApi.JSON.createObjectNode().put("username", name).put("password", "p".repeat(255) + "q").toString());
		assertThat(wrong.status()).isEqualTo(401);
	}

	/** Issue 13: a role change ends the user's sessions (they began under the old role); the next login has the new one. */
	@Test
	void aRoleChangeEndsTheUsersSessionsAndTheNextLoginHasTheNewRole() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi session = user.login(port);
		assertThat(session.get("/api/auth/me").json().get("role").asString()).isEqualTo("OPERATOR");

		Response changed = TestApi.admin(port).patch("/api/users/" + user.id(), "{\"role\":\"ADMIN\"}");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("role").asString()).isEqualTo("ADMIN");
		assertThat(session.get("/api/auth/me").status()).isEqualTo(401);
		TestApi again = user.login(port);
		assertThat(again.get("/api/auth/me").json().get("role").asString()).isEqualTo("ADMIN");
		assertThat(again.get("/api/users").status()).isEqualTo(200);

		TestApi.admin(port).patch("/api/users/" + user.id(), "{\"role\":\"VIEWER\"}");
		assertThat(again.get("/api/users").status()).isEqualTo(401);
		assertThat(user.login(port).get("/api/users").status()).isEqualTo(403);
		assertThat(TestApi.admin(port).get("/api/audit?action=user.update&targetId=" + user.id()).body())
			.contains("sessions ended");
	}

	@Test
	void disablingAUserEndsTheirSessionsAndTokensAndLogins() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi session = user.login(port);
		String token = session.post("/api/tokens", "{\"name\":\"ci\"}").json().get("token").asString();
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(200);

		Response disabled = TestApi.admin(port).patch("/api/users/" + user.id(), "{\"enabled\":false}");
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

		assertThat(session.get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(401);
		assertThat(TestApi.anonymous(port).post("/api/auth/login", login(user.username(), user.password())).status())
			.isEqualTo(401);

		TestApi.admin(port).patch("/api/users/" + user.id(), "{\"enabled\":true}");
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(200);
		assertThat(user.login(port).get("/api/auth/me").status()).isEqualTo(200);
		// the old session stays ended: it was invalidated, not just refused
		assertThat(session.get("/api/auth/me").status()).isEqualTo(401);
	}

	@Test
	void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
		TestApi admin = TestApi.admin(port);
		// make the built-in admin the only enabled administrator (other tests' admins are disposable)
		for (JsonNode u : admin.get("/api/users").json()) {
			if (u.get("role").asString().equals("ADMIN") && u.get("enabled").asBoolean()
					&& !u.get("username").asString().equals("admin")) {
				assertThat(admin.patch("/api/users/" + u.get("id").asString(), "{\"role\":\"OPERATOR\"}").status())
					.isEqualTo(200);
			}
		}
		String adminId = idOf(admin, "admin");
		assertThat(admin.patch("/api/users/" + adminId, "{\"enabled\":false}").status()).isEqualTo(409);
		assertThat(admin.patch("/api/users/" + adminId, "{\"role\":\"VIEWER\"}").status()).isEqualTo(409);
		assertThat(admin.patch("/api/users/" + adminId, "{\"role\":\"ADMIN\",\"enabled\":true}").status())
			.isEqualTo(200);

		// with a second enabled administrator the first may step down
		TestUser second = TestUsers.create(port, "ADMIN");
		TestApi secondSession = second.login(port);
		assertThat(secondSession.patch("/api/users/" + second.id(), "{\"role\":\"OPERATOR\"}").status()).isEqualTo(200);
		TestUser third = TestUsers.create(port, "ADMIN");
		assertThat(admin.patch("/api/users/" + third.id(), "{\"enabled\":false}").status()).isEqualTo(200);
		// a disabled administrator does not count
		assertThat(admin.patch("/api/users/" + adminId, "{\"enabled\":false}").status()).isEqualTo(409);
		JsonNode builtIn = admin.get("/api/users").json().valueStream()
			.filter(u -> u.get("username").asString().equals("admin")).findFirst().orElseThrow();
		assertThat(builtIn.get("enabled").asBoolean()).isTrue();
		assertThat(builtIn.get("role").asString()).isEqualTo("ADMIN");
	}

	@Test
	void adminResetsAPassword() {
		TestUser user = TestUsers.create(port, "VIEWER");
		Response reset = TestApi.admin(port).post("/api/users/" + user.id() + "/password",
				"{\"newPassword\":\"a-brand-new-password\"}");
		assertThat(reset.status()).isEqualTo(204);
		assertThat(TestApi.anonymous(port).post("/api/auth/login", login(user.username(), user.password())).status())
			.isEqualTo(401);
		assertThat(TestApi.login(port, user.username(), "a-brand-new-password").get("/api/auth/me").status())
			.isEqualTo(200);
		assertThat(TestApi.admin(port).post("/api/users/" + UUID.randomUUID() + "/password",
				"{\"newPassword\":\"a-brand-new-password\"}").status()).isEqualTo(404);
	}

	@Test
	void usersChangeTheirOwnPassword() {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi session = user.login(port);
		Response wrong = session.post("/api/auth/password",
				"{\"currentPassword\":\"not-it-at-all\",\"newPassword\":\"a-much-better-password\"}");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(fields(wrong)).containsExactly("currentPassword");
		Response tooShort = session.post("/api/auth/password",
				password(user.password(), "short"));
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(fields(tooShort)).containsExactly("newPassword");
		assertThat(TestApi.login(port, user.username(), user.password()).get("/api/auth/me").status()).isEqualTo(200);

		assertThat(session.post("/api/auth/password", password(user.password(), "a-much-better-password")).status())
			.isEqualTo(204);
		assertThat(TestApi.login(port, user.username(), "a-much-better-password").get("/api/auth/me").status())
			.isEqualTo(200);
		assertThat(TestApi.anonymous(port).post("/api/auth/login", login(user.username(), user.password())).status())
			.isEqualTo(401);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "ab", "Upper", "-leading-dash", "semi;colon", "pipe|x", "dollar$(id)",
			"back`tick`", "space name", "nul\u0000byte", "new\nline", "slash/x", "ümlaut" })
	void badUsernamesAreRefusedAndNothingIsStored(String username) {
		TestApi admin = TestApi.admin(port);
		int before = admin.get("/api/users").json().size();
		Response r = admin.post("/api/users", user(username, "a-fine-password-1", "VIEWER"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("username");
		assertThat(admin.get("/api/users").json().size()).isEqualTo(before);
	}

	@Test
	void otherBadInputNamesTheField() {
		TestApi admin = TestApi.admin(port);
		String tooLong = "a".repeat(65);
		assertThat(fields(admin.post("/api/users", user(tooLong, "a-fine-password-1", "VIEWER"))))
			.containsExactly("username");
		assertThat(fields(admin.post("/api/users", user("fine-name", "short", "VIEWER")))).containsExactly("password");
		assertThat(fields(admin.post("/api/users", user("fine-name", "x".repeat(257), "VIEWER"))))
			.containsExactly("password");
		assertThat(fields(admin.post("/api/users", user("fine-name", "a-fine-password-1", "ROOT"))))
			.containsExactly("role");
		assertThat(fields(admin.post("/api/users", "{\"username\":\"fine-name\",\"password\":\"a-fine-password-1\"}")))
			.containsExactly("role");
		ObjectNode extra = (ObjectNode) TestApi.JSON.readTree(user("fine-name", "a-fine-password-1", "VIEWER"));
		extra.put("enabled", false);
		assertThat(fields(admin.post("/api/users", extra.toString()))).containsExactly("enabled");
		assertThat(fields(admin.patch("/api/users/" + idOf(admin, "admin"), "{\"admin\":true}")))
			.containsExactly("admin");
		assertThat(fields(admin.patch("/api/users/not-a-uuid", "{\"enabled\":true}"))).containsExactly("id");
		assertThat(admin.patch("/api/users/" + UUID.randomUUID(), "{\"enabled\":true}").status()).isEqualTo(404);
		assertThat(usernames(admin)).doesNotContain("fine-name");
		Response nulLogin = TestApi.anonymous(port).post("/api/auth/login", login("ad\u0000min", "whatever"));
		assertThat(fields(nulLogin)).containsExactly("username");
	}

	private static String user(String username, String password, String role) {
		return TestApi.JSON.createObjectNode().put("username", username).put("password", password).put("role", role)
			.toString();
	}

	private static String login(String username, String password) {
		return TestApi.JSON.createObjectNode().put("username", username).put("password", password).toString();
	}

	private static String password(String current, String next) {
		return TestApi.JSON.createObjectNode().put("currentPassword", current).put("newPassword", next).toString();
	}

	static List<String> fields(Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
	}

	private static List<String> usernames(TestApi admin) {
		return admin.get("/api/users").json().valueStream().map(u -> u.get("username").asString()).toList();
	}

	private static String idOf(TestApi admin, String username) {
		return admin.get("/api/users").json().valueStream()
			.filter(u -> u.get("username").asString().equals(username))
			.map(u -> u.get("id").asString())
			.findFirst()
			.orElseThrow();
	}

}

package dev.steward.test;

import java.util.UUID;

/** Creates uniquely named users through the real users API (as admin) for tests that need several roles. */
public final class TestUsers {

	public record TestUser(String id, String username, String password, String role) {

		public TestApi login(int port) {
			return TestApi.login(port, username, password);
		}
	}

	private TestUsers() {
	}

	public static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A new enabled user with the given role (ADMIN, OPERATOR or VIEWER) and a random password. */
	public static TestUser create(int port, String role) {
		String username = uniqueName(role.toLowerCase(java.util.Locale.ROOT));
		String password = "pw-" + UUID.randomUUID();
		TestApi.Response r = TestApi.admin(port).post("/api/users", TestApi.JSON.createObjectNode()
			.put("username", username).put("password", password).put("role", role).toString());
		if (r.status() != 201) {
			throw new AssertionError("creating " + username + " failed: " + r.status() + " " + r.body());
		}
		return new TestUser(r.json().get("id").asString(), username, password, role);
	}
}

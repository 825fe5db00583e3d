package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.OidcBrowser;
import dev.steward.test.OidcIntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on against a real OIDC provider in the JVM (mock-oauth2-server), through the whole authorization code
 * flow: Steward's authorize endpoint, the provider's login form, Steward's callback, then the session it began.
 */
@OidcIntegrationTest
class OidcLoginIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theProvidersAreListedForTheLoginPageWithoutSigningIn() {
		TestApi.Response r = TestApi.anonymous(port).get("/api/auth/providers");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.json().get("passwordLogin").asBoolean()).isFalse();
		List<String> keys = new ArrayList<>();
		for (JsonNode p : r.json().get("providers")) {
			keys.add(p.get("key").asString());
		}
		assertThat(keys).containsExactly("down", "mock", "open");
		JsonNode mock = r.json().get("providers").get(1);
		assertThat(mock.get("displayName").asString()).isEqualTo("Mock SSO");
		assertThat(mock.get("loginUrl").asString()).isEqualTo("/api/auth/oidc/authorize/mock");
	}

	@Test
	void theGroupsClaimGivesTheRoleAndAChangedClaimChangesItAtTheNextLogin() {
		String subject = "sub-" + UUID.randomUUID();
		String name = TestUsers.uniqueName("carol");
		OidcBrowser first = new OidcBrowser(port);
		HttpResponse<String> callback = first.signIn("mock", subject, claims(name, "steward-operators", "others"));
		assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
		assertThat(OidcBrowser.location(callback)).endsWith("/");
		JsonNode me = TestApi.JSON.readTree(first.call("GET", "/api/auth/me", false).body());
		assertThat(me.get("username").asString()).isEqualTo(name);
		assertThat(me.get("role").asString()).isEqualTo("OPERATOR");

		// the same person, now in the admins' group: promoted at this login; the session begun as OPERATOR ends
		OidcBrowser second = new OidcBrowser(port);
		assertThat(second.signIn("mock", subject, claims(name, "steward-admins", "steward-operators")).statusCode())
			.isEqualTo(302);
		JsonNode again = TestApi.JSON.readTree(second.call("GET", "/api/auth/me", false).body());
		assertThat(again.get("id").asString()).as("the same user, found by issuer and subject")
			.isEqualTo(me.get("id").asString());
		assertThat(again.get("role").asString()).isEqualTo("ADMIN");
		assertThat(first.call("GET", "/api/auth/me", false).statusCode()).isEqualTo(401);

		// out of every mapped group, and the provider has no default role: refused, with a problem body
		HttpResponse<String> refused = new OidcBrowser(port).signIn("mock", subject, claims(name, "others"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(refused.body()).contains("sso-no-role").doesNotContain("Exception").doesNotContain("at dev.");

		TestApi admin = TestApi.admin(port);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode logins = admin.get("/api/audit?action=auth.login&actor=" + name).json().get("items");
			assertThat(logins.toString()).contains("method oidc, provider mock");
			JsonNode created = admin.get("/api/audit?action=user.create&actor=" + name).json().get("items");
			assertThat(created.toString()).contains("Provisioned user " + name + " as OPERATOR");
			JsonNode changed = admin.get("/api/audit?action=user.update&actor=" + name).json().get("items");
			assertThat(changed.toString()).contains("role OPERATOR -> ADMIN from the groups claim of provider mock");
		});
	}

	@Test
	void aLocalUserOfTheSameNameIsNeverTakenOver() {
		TestUser local = TestUsers.create(port, "VIEWER");
		OidcBrowser browser = new OidcBrowser(port);
		assertThat(browser.signIn("mock", "sub-" + UUID.randomUUID(), claims(local.username(), "steward-admins"))
			.statusCode()).isEqualTo(302);
		JsonNode me = TestApi.JSON.readTree(browser.call("GET", "/api/auth/me", false).body());
		assertThat(me.get("id").asString()).isNotEqualTo(local.id());
		assertThat(me.get("username").asString()).isEqualTo(local.username() + "-2");
		String role = null;
		for (JsonNode user : TestApi.admin(port).get("/api/users").json()) {
			if (user.get("id").asString().equals(local.id())) {
				role = user.get("role").asString();
			}
		}
		assertThat(role).as("the local user keeps its role").isEqualTo("VIEWER");
	}

	@Test
	void theDefaultRoleAppliesToAPersonInNoMappedGroup() {
		OidcBrowser browser = new OidcBrowser(port);
		String name = TestUsers.uniqueName("dave");
		assertThat(browser.signIn("open", "sub-" + UUID.randomUUID(), claims(name)).statusCode()).isEqualTo(302);
		JsonNode me = TestApi.JSON.readTree(browser.call("GET", "/api/auth/me", false).body());
		assertThat(me.get("role").asString()).isEqualTo("VIEWER");
	}

	@Test
	void aDisabledUserIsRefused() {
		String subject = "sub-" + UUID.randomUUID();
		String name = TestUsers.uniqueName("erin");
		OidcBrowser browser = new OidcBrowser(port);
		assertThat(browser.signIn("mock", subject, claims(name, "steward-operators")).statusCode()).isEqualTo(302);
		String id = TestApi.JSON.readTree(browser.call("GET", "/api/auth/me", false).body()).get("id").asString();
		assertThat(TestApi.admin(port).patch("/api/users/" + id, "{\"enabled\":false}").status()).isEqualTo(200);

		OidcBrowser later = new OidcBrowser(port);
		HttpResponse<String> refused = later.signIn("mock", subject, claims(name, "steward-operators"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("login-failed").contains("disabled");
		assertThat(later.call("GET", "/api/auth/me", false).statusCode()).isEqualTo(401);
	}

	@Test
	void theSessionIsALocalLoginsSession() {
		OidcBrowser browser = new OidcBrowser(port);
		HttpResponse<String> callback = browser.signIn("mock", "sub-" + UUID.randomUUID(),
				claims(TestUsers.uniqueName("frank"), "steward-operators"));
		String setCookie = String.join("\n", callback.headers().allValues("Set-Cookie"));
		assertThat(setCookie).contains("STEWARD_SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(setCookie).as("a fresh CSRF token at login").contains("XSRF-TOKEN=");
		assertThat(browser.call("POST", "/api/auth/sessions/revoke-others", true).statusCode())
			.as("CSRF applies as to any session").isEqualTo(403);
		assertThat(browser.call("POST", "/api/auth/sessions/revoke-others", false).statusCode()).isEqualTo(204);
		assertThat(browser.call("POST", "/api/auth/logout", false).statusCode()).isEqualTo(204);
		assertThat(browser.call("GET", "/api/auth/me", false).statusCode()).isEqualTo(401);
	}

	@Test
	void passwordsAreRefusedExceptTheBreakGlassAdministrators() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi.Response refused = TestApi.anonymous(port).post("/api/auth/login", TestApi.JSON.createObjectNode()
			.put("username", user.username()).put("password", user.password()).toString());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(refused.json().get("type").asString()).endsWith("/password-login-off");
		assertThat(refused.json().get("detail").asString()).contains("break-glass");
		// the break-glass administrator (TestApi.admin fails the test otherwise)
		assertThat(TestApi.admin(port).get("/api/auth/me").json().get("username").asString()).isEqualTo("admin");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestApi.admin(port)
			.get("/api/audit?action=auth.login&actor=" + user.username()).json().get("items").toString())
			.contains("Password login is turned off"));
	}

	@Test
	void enforcedTwoFactorAppliesToLocalAccountsOnlyAndSingleSignOnReliesOnTheProvider() {
		TestApi admin = TestApi.admin(port);
		// an administrator's API token: unaffected by the enforcement, so the settings can be put back
		TestApi token = TestApi.bearer(port, admin.post("/api/tokens", "{\"name\":\"two-factor\"}").json()
			.get("token").asString());
		tools.jackson.databind.node.ObjectNode before = (tools.jackson.databind.node.ObjectNode) token
			.get("/api/security/settings").json();
		before.remove("yourAddress");
		tools.jackson.databind.node.ObjectNode enforced = before.deepCopy();
		enforced.putArray("twoFactorRoles").add("ADMIN");
		TestApi.Response put = token.put("/api/security/settings", enforced.toString());
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		try {
			OidcBrowser sso = new OidcBrowser(port);
			assertThat(sso.signIn("mock", "sub-" + UUID.randomUUID(), claims(TestUsers.uniqueName("gina"),
					"steward-admins")).statusCode()).isEqualTo(302);
			JsonNode me = TestApi.JSON.readTree(sso.call("GET", "/api/auth/me", false).body());
			assertThat(me.get("role").asString()).isEqualTo("ADMIN");
			assertThat(me.get("twoFactorEnrolmentRequired").asBoolean()).isFalse();
			HttpResponse<String> connections = sso.call("GET", "/api/connections", false);
			assertThat(connections.statusCode()).as(connections.body()).isEqualTo(200);

			// the break-glass administrator signs in with a password: a local account, still held at the enrolment
			TestApi local = TestApi.admin(port);
			assertThat(local.get("/api/auth/me").json().get("twoFactorEnrolmentRequired").asBoolean()).isTrue();
			TestApi.Response refused = local.get("/api/connections");
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.json().get("type").asString()).endsWith("/two-factor-enrolment-required");

			// the compliance report's coverage counts the local accounts only
			JsonNode check = null;
			for (JsonNode c : token.get("/api/security/compliance").json().get("checks")) {
				if ("two-factor".equals(c.get("id").asString())) {
					check = c;
				}
			}
			assertThat(check).isNotNull();
			assertThat(check.toString()).contains("local account").doesNotContain("gina");
		}
		finally {
			assertThat(token.put("/api/security/settings", before.toString()).status()).isEqualTo(200);
		}
	}

	@Test
	void anUnknownOrUnreachableProviderAndAProviderErrorAreProblemsWithoutStackTraces() {
		OidcBrowser browser = new OidcBrowser(port);
		HttpResponse<String> unknown = browser.get("/api/auth/oidc/authorize/nope", "application/json");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("sso-unknown-provider");
		HttpResponse<String> down = browser.get("/api/auth/oidc/authorize/down", "application/json");
		assertThat(down.statusCode()).isEqualTo(502);
		assertThat(down.body()).contains("sso-provider-unavailable").doesNotContain("Exception");
		// the provider sends the browser back with an error (and a state Steward never issued)
		HttpResponse<String> error = browser.get("/api/auth/oidc/callback/mock?error=access_denied&state=forged",
				"application/json");
		assertThat(error.statusCode()).isEqualTo(401);
		assertThat(error.body()).contains("sso-failed").doesNotContain("Exception").doesNotContain("at org.");
		HttpResponse<String> page = browser.get("/api/auth/oidc/callback/mock?code=x&state=forged", "text/html");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(OidcBrowser.location(page)).endsWith("/login?sso_error=sso-failed");
	}

	/** The provider's claims: a preferred username and the groups. */
	private static String claims(String username, String... groups) {
		return TestApi.JSON.createObjectNode().put("preferred_username", username)
			.set("groups", TestApi.JSON.valueToTree(List.of(groups))).toString();
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;

/** Users (as admin), own password and API tokens through the UI, checked against the real API. */
@IntegrationTest
class AccountBrowserTests extends BrowserSupport {

	@Test
	void adminCreatesAUserChangesTheRoleAndDisablesIt() {
		String username = "ui-" + UUID.randomUUID().toString().substring(0, 8);
		loginAsAdmin();
		navigate("Users");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New user")).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Username").fill(username);
		dialog.getByLabel("Initial password").fill("short");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();
		assertThat(dialog.getByText("At least 12 characters", new Locator.GetByTextOptions().setExact(true))).isVisible();
		dialog.getByLabel("Initial password").fill("a-long-enough-password");
		dialog.getByLabel("Role").click();
		page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Operator")).click();
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();
		assertThat(dialog).isHidden();

		Locator row = page.getByTestId("user-row-" + username);
		assertThat(row).isVisible();
		assertThat(row.getByRole(AriaRole.COMBOBOX)).hasText("Operator");
		row.getByRole(AriaRole.COMBOBOX).click();
		page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Viewer")).click();
		assertThat(page.getByText(username + " is now Viewer")).isVisible();
		row.getByRole(AriaRole.SWITCH).click();
		assertThat(page.getByText(username + " disabled")).isVisible();
		screenshot("users");

		TestApi.Response login = TestApi.anonymous(port).post("/api/auth/login", TestApi.JSON.createObjectNode()
			.put("username", username).put("password", "a-long-enough-password").toString());
		assertThat(login.status()).as("a disabled user cannot log in").isEqualTo(401);
		var saved = TestApi.admin(port).get("/api/users").json().valueStream()
			.filter(u -> u.get("username").asString().equals(username))
			.findFirst()
			.orElseThrow();
		assertThat(saved.get("role").asString()).isEqualTo("VIEWER");
		assertThat(saved.get("enabled").asBoolean()).isFalse();
		assertNoConsoleErrors();
	}

	@Test
	void userCreatesRevealsAndRevokesAnApiTokenAndChangesTheirPassword() {
		TestUsers.TestUser operator = TestUsers.create(port, "OPERATOR");
		login(operator.username(), operator.password());
		navigate("Profile");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New token")).click();
		Locator create = page.getByRole(AriaRole.DIALOG);
		create.getByLabel("Name").fill("browser-ci");
		create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create token")).click();

		Locator reveal = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Copy your new token"));
		assertThat(reveal.getByText("It will not be shown again")).isVisible();
		String token = reveal.getByTestId("new-token").inputValue();
		assertThat(token).startsWith("stw_");
		screenshot("token-reveal");
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").json().get("username").asString())
			.isEqualTo(operator.username());
		reveal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have stored it")).click();
		assertThat(reveal).isHidden();
		assertThat(page.getByText(token)).hasCount(0);

		Locator row = page.getByTestId("token-row").filter(new Locator.FilterOptions().setHasText("browser-ci"));
		assertThat(row).containsText("Active");
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke token browser-ci")).click();
		Locator confirm = page.getByRole(AriaRole.ALERTDIALOG);
		assertThat(confirm).containsText("Revoke “browser-ci”?");
		confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke token")).click();
		assertThat(row).containsText("Revoked");
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(401);

		// own password: a wrong current password is reported on its field
		Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Change password"));
		form.getByLabel("Current password").fill("not-my-password");
		form.getByLabel("New password", new Locator.GetByLabelOptions().setExact(true)).fill("a-brand-new-password");
		form.getByLabel("Repeat new password").fill("a-brand-new-password");
		form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change password")).click();
		assertThat(form.getByLabel("Current password")).hasAttribute("aria-invalid", "true");
		form.getByLabel("Current password").fill(operator.password());
		form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change password")).click();
		assertThat(page.getByText("Password changed")).isVisible();
		assertThat(form.getByLabel("Current password")).isEmpty();
		screenshot("profile");
		TestApi.login(port, operator.username(), "a-brand-new-password");
		assertNoConsoleErrors();
	}

	@Test
	void aUserCreatesAReadOnlyTokenAndAnAdminRevokesAllTheirTokens() {
		TestUsers.TestUser operator = TestUsers.create(port, "OPERATOR");
		login(operator.username(), operator.password());
		navigate("Profile");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New token")).click();
		Locator create = page.getByRole(AriaRole.DIALOG);
		create.getByLabel("Name").fill("grafana");
		create.getByLabel("Read-only").check();
		create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create token")).click();
		Locator reveal = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Copy your new token"));
		String token = reveal.getByTestId("new-token").inputValue();
		reveal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have stored it")).click();
		assertThat(page.getByTestId("token-row").filter(new Locator.FilterOptions().setHasText("grafana")))
			.containsText("Read-only");
		assertThat(TestApi.bearer(port, token).post("/api/tokens", "{\"name\":\"x\"}").status()).isEqualTo(403);

		page.context().clearCookies();
		loginAsAdmin();
		navigate("Users");
		page.getByTestId("user-row-" + operator.username())
			.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("API tokens of " + operator.username()))
			.click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		assertThat(dialog.getByTestId("user-token-row")).containsText("grafana");
		assertThat(dialog.getByTestId("user-token-row")).containsText("Read-only");
		screenshot("user-tokens");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke all tokens")).click();
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke all").setExact(true)).click();
		assertThat(dialog.getByTestId("user-token-row")).containsText("Revoked");
		assertThat(TestApi.bearer(port, token).get("/api/auth/me").status()).isEqualTo(401);
		assertNoConsoleErrors();
	}

	@Test
	void aUserTurnsOnTwoFactorSignInAndSignsInWithACode() {
		TestUsers.TestUser operator = TestUsers.create(port, "OPERATOR");
		login(operator.username(), operator.password());
		navigate("Profile");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up")).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		assertThat(dialog.getByTestId("totp-qr")).isVisible();
		byte[] secret = dev.steward.security.internal.Totp.fromBase32(dialog.getByTestId("totp-secret").textContent());
		screenshot("two-factor-enrol");
		long step = java.time.Instant.now().getEpochSecond() / 30;
		dialog.getByLabel("Code from the app").fill(dev.steward.security.internal.Totp.code(secret, step));
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Turn on")).click();
		assertThat(dialog.getByTestId("recovery-codes").locator("li")).hasCount(10);
		screenshot("two-factor-recovery-codes");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have stored them")).click();
		assertThat(page.getByText("10 recovery codes left", new Page.GetByTextOptions().setExact(false))).isVisible();

		page.context().clearCookies();
		page.navigate("/login");
		page.getByLabel("Username").fill(operator.username());
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(operator.password());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		Locator code = page.getByLabel("Authentication code");
		assertThat(code).isVisible();
		screenshot("two-factor-login");
		long next = Math.max(step + 1, java.time.Instant.now().getEpochSecond() / 30);
		code.fill(dev.steward.security.internal.Totp.code(secret, next));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page.getByTestId("user-menu")).isVisible();
		assertNoConsoleErrors();
	}

	@Test
	void adminUnlocksAUserLockedOutByFailedLoginsFromManyAddresses() throws Exception {
		TestUsers.TestUser victim = TestUsers.create(port, "VIEWER");
		// 10 addresses × 3 failures: the account lock's default threshold (30 from at least 5 addresses)
		for (int a = 0; a < 10; a++) {
			failLogins("127.0.1." + (10 + a), victim.username(), 3);
		}
		loginAsAdmin();
		navigate("Users");
		Locator row = page.getByTestId("user-row-" + victim.username());
		assertThat(row.getByTestId("locked-" + victim.username())).isVisible();
		screenshot("users-locked");
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Unlock " + victim.username())).click();
		assertThat(page.getByText(victim.username() + " can log in again")).isVisible();
		assertThat(row.getByTestId("locked-" + victim.username())).isHidden();
		var saved = TestApi.admin(port).get("/api/users").json().valueStream()
			.filter(u -> u.get("username").asString().equals(victim.username()))
			.findFirst()
			.orElseThrow();
		assertThat(saved.get("locked").asBoolean()).isFalse();
		assertNoConsoleErrors();
	}

	/** Wrong passwords from one loopback address, through the real login endpoint (CSRF handshake included). */
	private void failLogins(String address, String username, int times) throws Exception {
		java.net.CookieManager cookies = new java.net.CookieManager();
		java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
			.localAddress(java.net.InetAddress.getByName(address)).cookieHandler(cookies).build();
		String base = "http://127.0.0.1:" + port;
		http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/auth/csrf")).build(),
				java.net.http.HttpResponse.BodyHandlers.discarding());
		String xsrf = cookies.getCookieStore().getCookies().stream()
			.filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
		for (int i = 0; i < times; i++) {
			var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/auth/login"))
				.header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestApi.JSON.createObjectNode()
					.put("username", username).put("password", "wrong-" + i).toString()))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(401);
		}
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.OidcIntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;

/** Single sign-on in a real browser: the login page's provider button, the provider's own login form, and back. */
@OidcIntegrationTest
class OidcBrowserTests extends BrowserSupport {

	@Test
	void aPersonSignsInThroughTheProvidersPageAndGetsTheRoleOfTheirGroup() {
		String name = TestUsers.uniqueName("grace");
		page.navigate("/login");
		assertThat(page.getByText("break-glass administrator only")).isVisible();
		screenshot("login-page");
		signInAtProvider("Mock SSO", "sub-" + UUID.randomUUID(), name, "steward-operators");

		assertThat(page.getByTestId("user-menu")).hasAttribute("aria-label", "Account menu for " + name);
		assertThat(page).hasURL(java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:" + port + "/.*"));
		screenshot("signed-in");
		consoleErrors.clear(); // the provider's page is not Steward's
		TestApi.Response me = TestApi.admin(port).get("/api/users");
		assertThat(me.body()).contains("\"username\":\"" + name + "\"");
		assertThat(page.evaluate("() => fetch('/api/auth/me').then(r => r.json()).then(m => m.role)"))
			.isEqualTo("OPERATOR");
		assertNoConsoleErrors();
	}

	@Test
	void aPersonInNoGroupIsSentBackToTheLoginPageWithTheReason() {
		page.navigate("/login");
		signInAtProvider("Mock SSO", "sub-" + UUID.randomUUID(), TestUsers.uniqueName("heidi"), "not-a-steward-group");
		assertThat(page.getByTestId("sso-error")).containsText("no group that gives access to Steward");
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?sso_error=sso-no-role"));
		screenshot("refused");
		assertThat(page.getByTestId("user-menu")).isHidden();
	}

	/** Clicks the provider's button on Steward's login page and fills the provider's form as a person would. */
	private void signInAtProvider(String provider, String subject, String username, String group) {
		// the provider's page links a web font from the internet, which this machine cannot reach: refuse it at once
		context.route(url -> !url.startsWith("http://127.0.0.1:") && !url.startsWith("http://localhost:"),
				com.microsoft.playwright.Route::abort);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with " + provider)).click();
		String idp = dev.steward.test.OidcTestServer.SERVER.baseUrl().toString();
		try {
			// a slow page under load: the form may take a while
			page.locator("input[name=username]").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
			assertThat(page.url()).startsWith(idp);
		}
		catch (com.microsoft.playwright.PlaywrightException e) {
			screenshot("provider-page-missing");
			throw new AssertionError("the provider's page did not come: at " + page.url() + " expecting " + idp
					+ ": " + page.content().substring(0, Math.min(2000, page.content().length())), e);
		}
		page.locator("input[name=username]").fill(subject);
		page.locator("textarea[name=claims]").fill(TestApi.JSON.createObjectNode().put("preferred_username", username)
			.set("groups", TestApi.JSON.valueToTree(List.of(group))).toString());
		screenshot("provider-form");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign-in")).click();
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.security.internal.SecuritySettingsStore;
import dev.steward.shared.Actor;
import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.node.ObjectNode;

/** Administration → Security settings, and what an enforced role's user sees before enrolling two-factor sign-in. */
@IntegrationTest
class SecuritySettingsBrowserTests extends BrowserSupport {

	@Autowired
	SecuritySettingsStore settings;

	@AfterEach
	void restoreDefaults() {
		// the settings are the whole instance's: every other test expects the defaults
		settings.save(new SecuritySettings(28800, 86400, Set.of(), List.of(), Map.of(), null, true, null, null),
				Actor.system());
	}

	@Test
	void anAdminEditsTheSettingsAndIsAskedBeforeLockingThemselvesOut() {
		loginAsAdmin();
		navigate("Security settings");
		assertThat(page.getByText("127.0.0.1").first()).isVisible();
		page.getByLabel("Idle timeout (minutes)").fill("30");
		Locator everyone = page.getByLabel("Everyone", new Page.GetByLabelOptions().setExact(true));
		everyone.fill("10.0.0.0/8\nexample.com");
		Locator save = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"));
		save.click();
		assertThat(page.getByText("Not an address or CIDR block: example.com")).isVisible();

		everyone.fill("10.0.0.0/8");
		save.click();
		Locator dialog = page.getByRole(AriaRole.ALERTDIALOG);
		assertThat(dialog).containsText("127.0.0.1");
		screenshot("self-lockout");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
		assertThat(dialog).isHidden();

		everyone.fill("127.0.0.1/32\n10.0.0.0/8\n2001:db8::/32");
		page.getByLabel("Operator", new Page.GetByLabelOptions().setExact(true)).check();
		page.getByLabel("Concurrent console sessions").fill("3");
		save.click();
		assertThat(page.getByText("Security settings saved")).isVisible();
		screenshot("saved");

		page.reload();
		assertThat(page.getByLabel("Everyone", new Page.GetByLabelOptions().setExact(true))).hasValue("127.0.0.1/32\n10.0.0.0/8\n2001:db8:0:0:0:0:0:0/32");
		assertThat(page.getByLabel("Idle timeout (minutes)")).hasValue("30");
		assertThat(page.getByLabel("Operator", new Page.GetByLabelOptions().setExact(true))).isChecked();
		assertThat(page.getByLabel("Concurrent console sessions")).hasValue("3");
		assertNoConsoleErrors();
	}

	@Test
	void aUserOfAnEnforcedRoleIsSentToTheEnrolmentCard() {
		settings.save(new SecuritySettings(28800, 86400, Set.of(Role.VIEWER), List.of(), Map.of(), null, true, null,
				null), Actor.system());
		TestUser viewer = TestUsers.create(port, "VIEWER");
		login(viewer.username(), viewer.password());
		assertThat(page).hasURL(Pattern.compile(".*/profile$"));
		assertThat(page.getByTestId("two-factor-required")).isVisible();
		page.navigate("/connections");
		assertThat(page).hasURL(Pattern.compile(".*/profile$"));
		assertThat(page.getByTestId("two-factor-required")).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up"))).isEnabled();
		screenshot("enrolment-required");
	}

	@Test
	void aSessionWarnsBeforeItsIdleTimeoutAndStaySignedInKeepsItThenItEndsAtTheLoginPage() {
		TestApi admin = TestApi.admin(port);
		ObjectNode before = (ObjectNode) admin.get("/api/security/settings").json();
		before.remove("yourAddress");
		ObjectNode brief = before.deepCopy().put("idleTimeoutSeconds", 12);
		TestApi.Response put = admin.put("/api/security/settings", brief.toString());
		org.assertj.core.api.Assertions.assertThat(put.status()).as(put.body()).isEqualTo(200);
		try {
			TestUser viewer = TestUsers.create(port, "VIEWER");
			login(viewer.username(), viewer.password());
			page.navigate("/profile");
			// warned a quarter of the idle timeout ahead (3 s of 12)
			Locator warning = page.getByTestId("session-expiry-warning");
			assertThat(warning).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
			assertThat(warning).containsText("Your session ends in 0:0");
			screenshot("session-expiry-warning");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stay signed in")).click();
			assertThat(warning).isHidden();

			// unused again: warned, then signed out, at the login page with the reason
			assertThat(warning).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
			assertThat(page).hasURL(Pattern.compile(".*/login.*"),
					new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(15_000));
			assertThat(page.getByTestId("session-ended")).containsText("Your session ended");
			screenshot("session-ended");
		}
		finally {
			TestApi.Response restored = TestApi.admin(port).put("/api/security/settings", before.toString());
			org.assertj.core.api.Assertions.assertThat(restored.status()).as(restored.body()).isEqualTo(200);
		}
	}
}

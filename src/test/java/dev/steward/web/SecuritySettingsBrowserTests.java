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
import com.microsoft.playwright.options.AriaRole;

import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.security.internal.SecuritySettingsStore;
import dev.steward.shared.Actor;
import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;

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
}

package dev.steward.notify;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

/** Administration → Notifications: add a webhook channel (bad URLs refused on the field), test it, see the result. */
@IntegrationTest
class NotificationsBrowserTests extends BrowserSupport {

	@Test
	void anAdminAddsAWebhookChannelAndTestsIt() throws Exception {
		String name = "ui-hook-" + UUID.randomUUID().toString().substring(0, 8);
		try (HookServer hook = new HookServer()) {
			loginAsAdmin();
			navigate("Notifications");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New channel")).first().click();
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			dialog.getByLabel("Name").fill(name);
			Locator url = dialog.getByLabel("URL", new Locator.GetByLabelOptions().setExact(true));
			Locator add = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add channel"));

			url.fill("file:///etc/passwd");
			add.click();
			assertThat(dialog.getByText("An http or https URL")).isVisible();
			// the browser lets this one through; the server's host rule refuses it on the field
			url.fill("http://169.254.169.254/latest/meta-data/");
			add.click();
			assertThat(dialog.getByText("denied", new Locator.GetByTextOptions().setExact(false)).first()).isVisible();
			screenshot("refused");

			url.fill(hook.url("/from-the-browser"));
			dialog.getByLabel("Signing secret").fill("browser-secret-1");
			dialog.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Backup succeeded")).click();
			add.click();
			assertThat(dialog).isHidden();

			Locator row = page.getByTestId("channel-row-" + name);
			assertThat(row).isVisible();
			assertThat(row).containsText("Backup succeeded");
			row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test " + name)).click();
			assertThat(page.getByTestId("test-result-" + name)).containsText("Test delivered");
			screenshot("tested");

			HookServer.Received got = hook.received.poll(5, TimeUnit.SECONDS);
			org.assertj.core.api.Assertions.assertThat(got).isNotNull();
			org.assertj.core.api.Assertions.assertThat(got.header("X-Steward-Signature"))
				.isEqualTo("sha256=" + hmac("browser-secret-1", got.body()));
			org.assertj.core.api.Assertions.assertThat(TestApi.JSON.readTree(got.body()).get("link").asString())
				.startsWith("http://127.0.0.1:" + port);
			assertNoConsoleErrors();
		}
	}

	private static String hmac(String secret, String body) throws Exception {
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
		return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}
}

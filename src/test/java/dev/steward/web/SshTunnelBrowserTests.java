package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TunnelServer;
import tools.jackson.databind.JsonNode;

/** The connection form's SSH tunnel section against an in-process bastion and the machine's PostgreSQL. */
@IntegrationTest
class SshTunnelBrowserTests extends BrowserSupport {

	static TunnelServer bastion;

	@BeforeAll
	static void startBastion() {
		bastion = new TunnelServer(TunnelServer.publicKey("ed25519.pub"));
	}

	@AfterAll
	static void stopBastion() throws IOException {
		bastion.close();
	}

	@Test
	void aConnectionThroughAnSshTunnelIsTestedSavedAndShowsItsPinnedHostKey() {
		String name = "Tunnelled PG " + UUID.randomUUID().toString().substring(0, 8);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_ssh")) {
			loginAsAdmin();
			navigate("Connections");
			page.getByTestId("new-connection").click();
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name);
			dialog.getByTestId("engine-POSTGRESQL").click();
			dialog.getByLabel("Host", new Locator.GetByLabelOptions().setExact(true)).fill(TunnelServer.hiddenHost("pg"));
			dialog.getByLabel("Database", new Locator.GetByLabelOptions().setExact(true)).fill(db.name());
			dialog.getByLabel("Username", new Locator.GetByLabelOptions().setExact(true)).fill(ScratchDatabases.PG_USER);

			// the database host is one only the bastion resolves: without the tunnel the test fails
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
			Locator result = dialog.getByTestId("test-result");
			assertThat(result).hasAttribute("data-success", "false");

			dialog.getByLabel("SSH tunnel").click();
			Locator ssh = dialog.getByTestId("ssh-tunnel");
			ssh.getByLabel("SSH host").fill("127.0.0.1");
			ssh.getByLabel("SSH port").fill(String.valueOf(bastion.port()));
			ssh.getByLabel("SSH user").fill(TunnelServer.USER);
			ssh.getByLabel("SSH password").fill(TunnelServer.PASSWORD);
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
			assertThat(result).hasAttribute("data-success", "true");
			assertThat(result).containsText("PostgreSQL");
			screenshot("ssh-tested");

			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create connection")).click();
			assertThat(dialog).isHidden();
			Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
			// the card's test goes through the tunnel and pins the host key
			card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test " + name)).click();
			assertThat(page.getByText(name + ": connected")).isVisible();

			card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit " + name)).click();
			Locator edit = page.getByRole(AriaRole.DIALOG);
			assertThat(edit.getByTestId("ssh-host-key")).containsText(Pattern.compile("SHA256:[A-Za-z0-9+/]{43}"));
			assertThat(edit.getByLabel("SSH password")).hasAttribute("placeholder", "unchanged");
			assertThat(edit.getByLabel("SSH password")).hasValue("");
			edit.getByTestId("ssh-host-key").scrollIntoViewIfNeeded();
			screenshot("ssh-edit-pinned");
			edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
		}
		finally {
			for (JsonNode c : TestApi.admin(port).get("/api/connections").json()) {
				if (c.get("name").asString().equals(name)) {
					TestApi.admin(port).delete("/api/connections/" + c.get("id").asString());
				}
			}
		}
	}
}

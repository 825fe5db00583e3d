package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.OwnPostgresServer;
import dev.steward.test.TestApi;

/** Backups → a PostgreSQL connection: enable point-in-time recovery, see the window, set a restore point, restore. */
@IntegrationTest
class RecoveryBrowserTests extends BrowserSupport {

	@Test
	void anOperatorEnablesRecoverySetsARestorePointAndRestoresTheLatestState() throws Exception {
		try (OwnPostgresServer server = OwnPostgresServer.start("wal_level=replica", "max_wal_senders=5")) {
			server.exec("postgres", "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (1)");
			TestApi admin = TestApi.admin(port);
			String id = admin.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "pitr ui " + UUID.randomUUID().toString().substring(0, 8))
				.put("url", "postgresql://postgres@127.0.0.1:" + server.port() + "/postgres").toString())
				.json().get("id").asString();
			try {
				loginAsAdmin();
				page.navigate("/backups?connection=" + id);
				Locator card = page.getByTestId("recovery-card");
				// the first visit loads the lazy Backups route: give a busy machine time
				assertThat(card).containsText("Not enabled", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
				card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable")).click();
				assertThat(card.getByTestId("recovery-window")).not().containsText("None yet",
						new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
				assertThat(card).containsText("Archiver running");
				screenshot("window");

				card.getByLabel("Restore point").fill("before deployment");
				card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create restore point")).click();
				assertThat(page.getByText("Restore point “before deployment” set")).isVisible();

				card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restore").setExact(true)).click();
				assertThat(page.getByText("Restore started")).isVisible();
				Locator instances = card.getByText("Restored instances");
				assertThat(instances).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
				assertThat(card).containsText("running");
				screenshot("restored");
				card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop and remove")).click();
				assertThat(instances).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(60_000));
				screenshot("removed");
				assertNoConsoleErrors();
			}
			finally {
				admin.post("/api/connections/" + id + "/recovery/disable", null);
			}
		}
	}
}

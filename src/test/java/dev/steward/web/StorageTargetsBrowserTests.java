package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BackupFixtures;
import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

/** Administration → Storage targets: add a local target, test it, back up to it and the configured one, see both copies. */
@IntegrationTest
class StorageTargetsBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void anAdminAddsALocalTargetTestsItAndBacksUpToTwoTargets() throws Exception {
		String name = "ui-target-" + UUID.randomUUID().toString().substring(0, 8);
		String connection = "Copies " + UUID.randomUUID().toString().substring(0, 8);
		String connectionId = sqliteConnection(connection);
		loginAsAdmin();
		navigate("Storage targets");
		assertThat(page.getByTestId("target-row-local")).containsText("from settings");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New target")).first().click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Name").fill(name);
		Locator path = dialog.getByLabel("Directory");
		Locator add = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add target"));
		path.fill("/tmp/outside");
		add.click();
		assertThat(dialog.getByText("allowed root", new Locator.GetByTextOptions().setExact(false)).first()).isVisible();
		screenshot("refused");
		path.fill(dataDir.resolve("targets").resolve(name).toString());
		add.click();
		assertThat(dialog).isHidden();

		Locator row = page.getByTestId("target-row-" + name);
		assertThat(row).isVisible();
		assertThat(row.getByTestId("target-space-" + name)).containsText("free of");
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test " + name)).click();
		assertThat(row.getByTestId("target-test-" + name)).containsText("Reachable");
		screenshot("tested");

		page.navigate("/backups?connection=" + connectionId);
		page.getByTestId("create-backup").first().click();
		Locator create = page.getByRole(AriaRole.DIALOG);
		create.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Store on " + name)).click();
		screenshot("two-targets");
		create.getByTestId("start-backup").click();
		assertThat(create).isHidden();
		Locator backup = page.getByTestId("backup-row").first();
		assertThat(backup).hasAttribute("data-status", "COMPLETED", new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
		Locator copies = backup.getByTestId("backup-copy");
		assertThat(copies).hasCount(2);
		assertThat(backup.locator("[data-testid=backup-copy][data-target=local]")).hasAttribute("data-status", "COMPLETED");
		assertThat(backup.locator("[data-testid=backup-copy][data-target=" + name + "]")).hasAttribute("data-status", "COMPLETED");
		screenshot("copies");

		navigate("Dashboard");
		assertThat(page.getByText("Backup failures, last 24 h")).isVisible();
		screenshot("dashboard");
		assertNoConsoleErrors();
	}

	private String sqliteConnection(String name) throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("ui-targets-" + UUID.randomUUID()));
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), dir.resolve("c.sqlite"));
		TestApi.Response created = TestApi.admin(port).post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", name).put("engine", "SQLITE").put("filePath", db.toString()).toString());
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.schedule.ScheduleTesting;
import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;

/**
 * The Schedules page: a weekly schedule from the preset and one from a custom cron, each showing its next runs as it
 * is typed (a bad field named), then "Run now" and the run in its history; the dashboard lists the next runs.
 */
@IntegrationTest
class SchedulesBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi.admin(port).delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void pickTwoDatabasesOfAServerAndARunBacksUpEach() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch own = ScratchDatabases.postgres("web_dbs_own");
				ScratchDatabases.Scratch a = ScratchDatabases.postgres("web_dbs_a");
				ScratchDatabases.Scratch b = ScratchDatabases.postgres("web_dbs_b")) {
			a.exec("CREATE TABLE ta (id int)");
			b.exec("CREATE TABLE tb (id int)");
			TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "web dbs " + java.util.UUID.randomUUID()).put("browseAllDatabases", true)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + own.name()).toString());
			org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
			connectionId = created.json().get("id").asString();
			String connectionName = created.json().get("name").asString();

			loginAsAdmin();
			navigate("Schedules");
			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("New schedule")).click();
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			dialog.getByLabel("Name").fill("Databases web");
			pick(dialog, "Connection", connectionName);
			pick(dialog, "Databases to back up", "Databases I pick");
			dialog.getByLabel("Back up " + a.name()).check();
			dialog.getByLabel("Back up " + b.name()).check();
			dialog.getByRole(AriaRole.SWITCH, new Locator.GetByRoleOptions().setName("Encrypted")).click();
			screenshot("pick-databases");
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create schedule")).click();
			Locator row = page.getByTestId("schedule-row").and(page.locator("[data-name='Databases web']"));
			assertThat(row.getByTestId("schedule-databases")).containsText(a.name());
			assertThat(row.getByTestId("schedule-databases")).containsText(b.name());

			row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Run now")).click();
			Locator run = page.getByRole(AriaRole.DIALOG).getByTestId("run-row").first();
			assertThat(run).hasAttribute("data-status", "SUCCEEDED",
					new LocatorAssertions.HasAttributeOptions().setTimeout(90_000));
			assertThat(run).containsText(a.name() + " · local: completed");
			assertThat(run).containsText(b.name() + " · local: completed");
			screenshot("databases-run");
			page.keyboard().press("Escape");

			navigate("Backups");
			assertThat(page.getByTestId("backup-database").filter(new Locator.FilterOptions().setHasText(a.name())).first())
				.isVisible();
			assertNoConsoleErrors();
			for (var s : api.get("/api/schedules").json()) {
				if (s.get("connectionId").asString().equals(connectionId)) {
					api.delete("/api/schedules/" + s.get("id").asString());
				}
			}
		}
	}

	@Test
	void createAWeeklyAndACronScheduleRunOneNowAndSeeTheRun() throws Exception {
		TestApi api = TestApi.admin(port);
		connectionId = ScheduleTesting.tinySqliteConnection(api, dataDir, "web-schedules");
		String connectionName = api.get("/api/connections/" + connectionId).json().get("name").asString();

		loginAsAdmin();
		navigate("Schedules");
		page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("New schedule")).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Name").fill("Weekly web");
		pick(dialog, "Connection", connectionName);
		pick(dialog, "When", "Weekly");
		pick(dialog, "Day", "Sunday");
		dialog.getByLabel("Hour").fill("2");
		dialog.getByLabel("Minute").fill("0");
		dialog.getByLabel("Time zone").fill("Europe/Berlin");
		assertThat(dialog.getByTestId("timing-description")).containsText("Sunday");
		assertThat(dialog.getByTestId("next-fire-times").locator("li")).hasCount(5);
		screenshot("weekly-preset");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create schedule")).click();
		Locator weekly = page.getByTestId("schedule-row").and(page.locator("[data-name='Weekly web']"));
		assertThat(weekly).containsText("Sunday");

		page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("New schedule")).click();
		dialog.getByLabel("Name").fill("Cron web");
		pick(dialog, "Connection", connectionName);
		pick(dialog, "When", "Cron expression");
		dialog.getByLabel("Cron expression").fill("0 25 * * *");
		assertThat(dialog.getByTestId("timing-preview")).containsText("hour");
		dialog.getByLabel("Cron expression").fill("30 4 * * 1-5");
		assertThat(dialog.getByTestId("next-fire-times").locator("li")).hasCount(5);
		assertThat(dialog.getByTestId("timing-description")).containsText("04:30");
		screenshot("custom-cron");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create schedule")).click();
		Locator cron = page.getByTestId("schedule-row").and(page.locator("[data-name='Cron web']"));
		assertThat(cron).isVisible();

		weekly.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Run now")).click();
		Locator run = page.getByRole(AriaRole.DIALOG).getByTestId("run-row").first();
		assertThat(run).hasAttribute("data-status", "SUCCEEDED",
				new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
		assertThat(run).containsText("run now");
		assertThat(run).containsText("local: completed");
		screenshot("run");
		page.keyboard().press("Escape");
		assertThat(weekly.getByTestId("run-status")).containsText("Succeeded");

		// the dashboard lists the soonest runs of every schedule (other tests' too, in the shared context)
		String soonest = null;
		String soonestAt = null;
		for (var s : api.get("/api/schedules").json()) {
			if (s.get("enabled").asBoolean() && !s.get("nextFireTimes").isEmpty()) {
				String at = java.time.OffsetDateTime.parse(s.get("nextFireTimes").get(0).asString()).toInstant().toString();
				if (soonestAt == null || at.compareTo(soonestAt) < 0) {
					soonest = s.get("name").asString();
					soonestAt = at;
				}
			}
		}
		navigate("Dashboard");
		assertThat(page.getByTestId("next-runs")).containsText(soonest);
		assertNoConsoleErrors();
	}

	private void pick(Locator dialog, String select, String option) {
		dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName(select)).click();
		page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions().setName(option).setExact(true))
			.click();
	}
}

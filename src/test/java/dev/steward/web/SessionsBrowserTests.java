package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;

/**
 * The monitoring page lists a session running pg_sleep and cancels its statement after a confirmation; then
 * schedules maintenance from the maintenance card and sees the schedule listed.
 */
@IntegrationTest
class SessionsBrowserTests extends BrowserSupport {

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi.admin(port).delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void aSessionIsCancelledFromTheMonitoringPage() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_sessions"); Connection sleeper = db.connect()) {
			connectionId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", "sessions " + db.name())
				.put("url", "postgresql://postgres@127.0.0.1:5432/" + db.name()).toString()).json().get("id").asString();
			String pid;
			try (Statement s = sleeper.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
				rs.next();
				pid = rs.getString(1);
			}
			CompletableFuture<Boolean> sleeping = CompletableFuture.supplyAsync(() -> {
				try (Statement s = sleeper.createStatement()) {
					s.execute("SELECT pg_sleep(60)");
					return false;
				}
				catch (Exception e) {
					return true; // cancelled
				}
			});

			loginAsAdmin();
			page.navigate("/monitoring?connection=" + connectionId);
			Locator row = page.locator("[data-session='" + pid + "']");
			assertThat(row).containsText("pg_sleep(60)");
			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions()
				.setName("Cancel session " + pid)).click();
			assertThat(page.getByRole(AriaRole.ALERTDIALOG)).containsText("Cancel the running statement");
			screenshot("confirm");
			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Cancel statement"))
				.click();
			assertThat(page.getByText("Cancelled the statement of session " + pid)).isVisible();
			org.assertj.core.api.Assertions.assertThat(sleeping.get(5, TimeUnit.SECONDS)).as("the statement was cancelled")
				.isTrue();
			// the session stays, idle now (its last statement's text remains in pg_stat_activity)
			assertThat(row).containsText("idle", new com.microsoft.playwright.assertions.LocatorAssertions
				.ContainsTextOptions().setTimeout(10_000));
			screenshot("cancelled");

			// maintenance on a schedule, from the card below: the server's cron message shown under the field
			Locator card = page.getByTestId("maintenance-card");
			card.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Schedule…"))
				.click();
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			choose("Scheduled operation", "VACUUM ANALYZE");
			dialog.getByLabel("Cron").fill("61 3 * * *");
			dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Schedule")
				.setExact(true)).click();
			assertThat(dialog).containsText("minute");
			dialog.getByLabel("Cron").fill("30 3 * * 0");
			dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Schedule")
				.setExact(true)).click();
			assertThat(dialog).isHidden();
			Locator scheduled = card.getByTestId("maintenance-schedule-row");
			assertThat(scheduled).hasCount(1);
			assertThat(scheduled).containsText("VACUUM ANALYZE");
			assertThat(scheduled).containsText("all tables");
			assertThat(scheduled).containsText("30 3 * * 0");
			assertThat(scheduled).containsText("never");
			scheduled.scrollIntoViewIfNeeded();
			screenshot("maintenance-scheduled");
			assertNoConsoleErrors();
		}
	}
}

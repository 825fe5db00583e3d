package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/** The Jobs page: a backup held back by a lock shows as running with its phase, and is cancelled from there. */
@IntegrationTest
class JobsBrowserTests extends BrowserSupport {

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi.admin(port).delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void aRunningJobShowsItsPhaseAndIsCancelledFromTheJobsPage() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_jobs"); Connection locker = db.connect()) {
			db.exec("CREATE TABLE busy (id int)", "INSERT INTO busy VALUES (1)");
			connectionId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", "jobs " + db.name())
				.put("url", "postgresql://postgres@127.0.0.1:5432/" + db.name()).toString()).json().get("id").asString();
			locker.setAutoCommit(false);
			try (Statement s = locker.createStatement()) {
				s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			}
			try {
				JsonNode backup = api.post("/api/backups", "{\"connectionId\":\"" + connectionId + "\"}").json();
				String job = backup.get("jobId").asString();

				loginAsAdmin();
				navigate("Jobs");
				Locator row = page.getByTestId("job-row").and(page.locator("[data-kind=BACKUP]")).first();
				assertThat(row).hasAttribute("data-status", "RUNNING");
				assertThat(row.getByTestId("job-progress")).hasAttribute("data-phase", "DUMPING");
				assertThat(row).containsText("Dumping");
				screenshot("running");

				row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
				assertThat(row).hasAttribute("data-status", "CANCELLED",
						new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
				assertThat(row).containsText("Cancelled by admin");
				screenshot("cancelled");
				org.assertj.core.api.Assertions.assertThat(api.get("/api/jobs/" + job).json().get("failure").get("reason")
					.asString()).isEqualTo("CANCELLED_BY_USER");
			}
			finally {
				locker.rollback();
			}
			assertNoConsoleErrors();
		}
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

/** From a schema's tables in the browser: export two tables' definitions, watch the job end, download the script. */
@IntegrationTest
class ExportBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void runASchemaExportAndDownloadIt() throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite/export-ui-" + UUID.randomUUID()));
		Path file = Datasets.chinookSqlite(dir);
		TestApi.Response r = TestApi.admin(port).post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "export ui " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", file.toString())
			.put("shared", false).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		loginAsAdmin();
		page.navigate("/browser?connection=" + r.json().get("id").asString() + "&db=main&schema=main");
		assertThat(page.getByTestId("tables-view")).isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export…")).click();
		assertThat(page.getByTestId("export-dialog")).isVisible();
		page.getByLabel("Search tables").fill("Al");
		page.getByLabel("Select all tables").click();
		page.getByLabel("Search tables").fill("");
		page.getByLabel("Export Genre").click();
		assertThat(page.getByTestId("export-chosen")).hasText("2 chosen");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start export")).click();
		assertThat(page.getByTestId("export-job")).containsText("Completed");
		screenshot("export-done");
		Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Download")).click());
		String sql = Files.readString(download.path(), StandardCharsets.UTF_8);
		assertThat(sql).contains("CREATE TABLE [Album]").contains("CREATE TABLE [Genre]").doesNotContain("[Track]");
		assertThat(download.suggestedFilename()).endsWith(".sql");
		assertNoConsoleErrors();
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

/** Import a CSV file into an empty SQLite table from the data grid: pick, preview, map a column, import, see the rows. */
@IntegrationTest
class ImportBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void uploadMapImportAndSeeTheRows() throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite/import-ui-" + UUID.randomUUID()));
		Path db = dir.resolve("people.db");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL, note text)");
		}
		TestApi.Response r = TestApi.admin(port).post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "import ui " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", db.toString())
			.put("shared", false).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String id = r.json().get("id").asString();
		Path csv = dir.resolve("people.csv");
		Files.writeString(csv, "id,full name,note\n1,Ada Lovelace,\"first, programmer\"\n2,Grace Hopper,\n",
				StandardCharsets.UTF_8);

		loginAsAdmin();
		page.navigate("/browser?connection=" + id);
		Locator tree = page.getByRole(AriaRole.TREE, new Page.GetByRoleOptions().setName("Database objects"));
		tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("main")).first().click();
		tree.locator("[data-row-type=folder]", new Locator.LocatorOptions().setHasText("Tables")).click();
		tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("people").setExact(true)).click();
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("View data")).click();
		assertThat(page.getByTestId("data-grid")).isVisible();

		page.getByTestId("import-csv").click();
		page.getByTestId("import-file").setInputFiles(csv);
		Locator preview = page.getByTestId("import-preview");
		assertThat(preview).containsText("Ada Lovelace");
		assertThat(preview).containsText("first, programmer");
		// "full name" matches no column by name: map it by hand
		page.getByTestId("import-map-1").selectOption("name");
		screenshot("mapped");
		page.getByTestId("import-start").click();
		assertThat(page.getByTestId("import-done")).containsText("Imported 2 rows");
		screenshot("imported");
		page.getByTestId("import-close").click();

		Locator rows = page.getByTestId("data-rows");
		assertThat(page.getByTestId("row-count")).containsText("2 rows loaded");
		assertThat(rows).containsText("Grace Hopper");
		assertThat(rows).containsText("first, programmer");
		assertNoConsoleErrors();
	}
}

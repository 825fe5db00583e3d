package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;

/** The Query page: type a query, run it with Ctrl+Enter, see its rows (NULL apart from 'NULL'), cancel a long one. */
@IntegrationTest
class QueryBrowserTests extends BrowserSupport {

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi.admin(port).delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void runsAQueryShowsItsRowsAndCancelsALongOne() {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_query")) {
			db.exec("CREATE TABLE numbers AS SELECT g AS n, CASE WHEN g = 2 THEN NULL WHEN g = 3 THEN 'NULL' ELSE 'x' || g END AS label"
					+ " FROM generate_series(1, 2000) g");
			String name = "query " + UUID.randomUUID().toString().substring(0, 8);
			connectionId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://postgres@127.0.0.1:5432/" + db.name()).toString()).json().get("id").asString();

			loginAsAdmin();
			navigate("Query");
			choose("Connection", name);

			Locator editor = page.locator(".cm-content");
			editor.fill("SELECT n, label FROM numbers ORDER BY n");
			editor.press("Control+Enter");
			Locator grid = page.getByTestId("result-grid");
			assertThat(grid).containsText("x1");
			assertThat(page.getByTestId("sql-status")).containsText("COMPLETED");
			assertThat(grid.locator("[data-null=true]")).hasCount(1);
			assertThat(page.getByTestId("row-count")).containsText("fetched so far");
			// scrolling to the end fetches the rest from the open cursor
			for (int i = 0; i < 20 && !page.getByTestId("row-count").textContent().equals("2000 rows"); i++) {
				grid.evaluate("el => el.scrollTop = el.scrollHeight");
				page.waitForTimeout(200);
			}
			assertThat(page.getByTestId("row-count")).hasText("2000 rows");
			screenshot("rows");

			editor.fill("SELECT pg_sleep(60)");
			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Run").setExact(true))
				.click();
			Locator cancel = page.getByRole(AriaRole.BUTTON,
					new com.microsoft.playwright.Page.GetByRoleOptions().setName("Cancel"));
			// Cancel and the elapsed time show at once, not when the first long-poll answers
			assertThat(page.getByTestId("elapsed")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(3_000));
			assertThat(cancel).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(3_000));
			page.waitForTimeout(500);
			cancel.click();
			assertThat(page.getByTestId("sql-status")).containsText("CANCELLED",
					new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
			screenshot("cancelled");
			assertNoConsoleErrors();
		}
	}

	@Test
	void completesSavesRerunsFromHistoryAndEndsATransaction() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_workspace")) {
			db.exec("CREATE TABLE numbers AS SELECT g AS n, 'x' || g AS label FROM generate_series(1, 50) g");
			String name = "workspace " + UUID.randomUUID().toString().substring(0, 8);
			connectionId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://postgres@127.0.0.1:5432/" + db.name()).toString()).json().get("id").asString();

			loginAsAdmin();
			navigate("Query");
			choose("Connection", name);

			// the table name completes from the catalog, then its columns after "numbers."
			Locator editor = page.locator(".cm-content");
			editor.fill("");
			editor.pressSequentially("SELECT numbers.lab");
			Locator completions = page.locator(".cm-tooltip-autocomplete");
			assertThat(completions).containsText("label", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
			screenshot("column-completion");
			page.waitForTimeout(300);
			editor.press("Enter");
			editor.pressSequentially(" FROM numb");
			editor.press("Control+Space");
			assertThat(completions).containsText("numbers", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
			page.waitForTimeout(300); // CodeMirror ignores Enter for a moment after the list opens
			editor.press("Enter");
			assertThat(editor).containsText("SELECT numbers.label FROM numbers");
			editor.press("Control+Enter");
			assertThat(page.getByTestId("sql-status")).containsText("COMPLETED");
			assertThat(page.getByTestId("result-grid")).containsText("x1");

			// save it, shared
			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save…")).click();
			page.getByLabel("Name").fill("All labels");
			page.getByText("Shared with everyone").click();
			screenshot("save-dialog");
			page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
			page.getByRole(AriaRole.TAB, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Saved")).click();
			assertThat(page.getByTestId("saved-queries")).containsText("All labels");

			// re-run from history: first another result, so the grid showing x1 again proves the re-run finished (a
			// statement started while one runs is ignored, which made the BEGIN below a flake)
			editor.fill("SELECT 'other' AS label");
			editor.press("Control+Enter");
			assertThat(page.getByTestId("result-grid")).containsText("other");
			page.getByRole(AriaRole.TAB, new com.microsoft.playwright.Page.GetByRoleOptions().setName("History")).click();
			page.getByTestId("history").getByText("SELECT numbers.label FROM numbers").first().click();
			assertThat(editor).containsText("SELECT numbers.label FROM numbers");
			editor.press("Control+Enter");
			assertThat(page.getByTestId("result-grid")).containsText("x1");
			assertThat(page.getByRole(AriaRole.BUTTON,
					new com.microsoft.playwright.Page.GetByRoleOptions().setName("Run").setExact(true))).isEnabled();

			// a transaction shows Commit / Rollback; rolling back drops the insert
			editor.fill("BEGIN");
			editor.press("Control+Enter");
			Locator transaction = page.getByTestId("transaction-open");
			assertThat(transaction).isVisible();
			editor.fill("INSERT INTO numbers VALUES (51, 'x51')");
			editor.press("Control+Enter");
			assertThat(page.getByTestId("update-count")).containsText("1 row(s) affected");
			assertThat(transaction).isVisible();
			screenshot("transaction-open");
			transaction.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rollback")).click();
			assertThat(transaction).isHidden();
			assertThat(page.getByTestId("result-grid").or(page.getByTestId("update-count"))).isVisible();
			try (java.sql.Connection c = db.connect(); java.sql.ResultSet rs = c.createStatement()
				.executeQuery("SELECT COUNT(*) FROM numbers")) {
				rs.next();
				org.assertj.core.api.Assertions.assertThat(rs.getLong(1)).isEqualTo(50);
			}
			screenshot("rolled-back");
			assertNoConsoleErrors();
		}
	}

	@Test
	void explainsAPlanAsATreeAndExportsTheWholeResultAsCsv() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_export")) {
			db.exec("CREATE TABLE numbers AS SELECT g AS n, CASE WHEN g = 2 THEN NULL WHEN g = 3 THEN 'NULL' ELSE 'x, \"' || g || '\"' END AS label"
					+ " FROM generate_series(1, 3000) g", "ANALYZE numbers");
			String name = "export " + UUID.randomUUID().toString().substring(0, 8);
			connectionId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://postgres@127.0.0.1:5432/" + db.name()).toString()).json().get("id").asString();

			loginAsAdmin();
			navigate("Query");
			choose("Connection", name);
			Locator editor = page.locator(".cm-content");
			editor.fill("SELECT n, label FROM numbers WHERE n > 10 ORDER BY label");

			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Explain analyze"))
				.click();
			Locator tree = page.getByTestId("plan-tree");
			assertThat(tree).containsText("Sort");
			assertThat(tree).containsText("Seq Scan");
			assertThat(tree).containsText("on numbers");
			assertThat(tree).containsText("Analyzed");
			assertThat(tree.locator("[data-hot=true]")).hasCount(1);
			screenshot("explain");

			page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Export…")).click();
			com.microsoft.playwright.Download download = page.waitForDownload(() -> page
				.getByRole(AriaRole.MENUITEM, new com.microsoft.playwright.Page.GetByRoleOptions().setName("CSV")).click());
			assertThat(page.getByTestId("export-notice")).containsText(".csv");
			String csv = java.nio.file.Files.readString(download.path());
			org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).endsWith(".csv");
			org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")).hasSize(2991);
			org.assertj.core.api.Assertions.assertThat(csv).startsWith("n,label\r\n").contains("\r\n11,\"x, \"\"11\"\"\"\r\n");
			screenshot("exported");
			assertNoConsoleErrors();
		}
	}
}

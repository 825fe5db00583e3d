package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

/** The data grid on a copy of Chinook (SQLite): scroll Track, filter Genre, edit a cell, review the SQL, apply. */
@IntegrationTest
class DataGridBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	private String chinookCopy() throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite/grid-" + UUID.randomUUID()));
		Path file = Datasets.chinookSqlite(dir);
		TestApi.Response r = TestApi.admin(port).post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "grid chinook " + UUID.randomUUID()).put("engine", "SQLITE")
			.put("filePath", file.toString()).put("shared", false).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private void openData(Locator tree, String table) {
		tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName(table).setExact(true)).click();
		assertThat(page.getByTestId("object-title")).hasText("main." + table);
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("View data")).click();
		assertThat(page.getByTestId("data-grid")).isVisible();
	}

	@Test
	void scrollFilterEditReviewAndApply() throws Exception {
		String id = chinookCopy();
		loginAsAdmin();
		page.navigate("/browser?connection=" + id);
		Locator tree = page.getByRole(AriaRole.TREE, new Page.GetByRoleOptions().setName("Database objects"));
		tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("main")).first().click();
		tree.locator("[data-row-type=folder]", new Locator.LocatorOptions().setHasText("Tables")).click();

		// Track: the first keyset page, then the next ones as the grid scrolls
		openData(tree, "Track");
		assertThat(page.getByTestId("row-count")).containsText("200 rows loaded");
		screenshot("track-first-page");
		Locator rows = page.getByTestId("data-rows");
		rows.evaluate("el => el.scrollTop = el.scrollHeight");
		assertThat(page.getByTestId("row-count")).containsText("400 rows loaded");
		rows.evaluate("el => el.scrollTop = el.scrollHeight");
		assertThat(page.getByTestId("row-count")).containsText("600 rows loaded");
		screenshot("track-scrolled");

		// sort by a header click: Milliseconds ascending puts the shortest track first
		page.getByTestId("sort-Milliseconds").click();
		assertThat(page.getByTestId("row-count")).containsText("200 rows loaded");
		assertThat(rows.getByRole(AriaRole.ROW).first()).containsText("1071");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Count rows")).click();
		assertThat(page.getByTestId("row-total")).hasText("3,503 rows");

		// Genre: filter, edit a cell, review the SQL, apply
		openData(tree, "Genre");
		page.getByLabel("Filter Name", new Page.GetByLabelOptions().setExact(true)).fill("Jazz");
		page.getByLabel("Filter Name", new Page.GetByLabelOptions().setExact(true)).press("Enter");
		assertThat(page.getByTestId("row-count")).containsText("1 rows loaded");
		screenshot("genre-filtered");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit")).click();
		rows.getByRole(AriaRole.ROW).first().getByText("Jazz", new Locator.GetByTextOptions().setExact(true)).dblclick();
		page.getByLabel("Cell value").fill("Jazz & Blues");
		page.getByLabel("Cell value").press("Enter");
		assertThat(rows.locator("[data-edited=true]")).hasText("Jazz & Blues");
		screenshot("genre-edited");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review SQL")).click();
		Locator sql = page.getByTestId("review-sql");
		assertThat(sql).containsText("UPDATE \"main\".\"Genre\" SET \"Name\" = ? WHERE \"GenreId\" = ?");
		assertThat(sql).containsText("'Jazz & Blues', '2'");
		screenshot("review-sql");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
		assertThat(sql).isHidden();
		assertThat(rows.locator("[data-edited=true]")).hasCount(0);
		assertThat(rows.getByRole(AriaRole.ROW).first()).containsText("Jazz & Blues");
		screenshot("genre-applied");
		assertThat(page).hasURL(Pattern.compile("connection=" + id));
		assertNoConsoleErrors();
	}

	/**
	 * The sticky header once the grid is scrolled down and right: before the fix the header and filter row were only
	 * as wide as the viewport, so past it their columns had no background and rows showed through them.
	 */
	@Test
	void headerCoversEveryColumnWhenScrolledDownAndRight() throws Exception {
		String id = chinookCopy();
		page.setViewportSize(1100, 800);
		loginAsAdmin();
		page.navigate("/browser?connection=" + id);
		Locator tree = page.getByRole(AriaRole.TREE, new Page.GetByRoleOptions().setName("Database objects"));
		tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("main")).first().click();
		tree.locator("[data-row-type=folder]", new Locator.LocatorOptions().setHasText("Tables")).click();
		openData(tree, "Track");
		assertThat(page.getByTestId("row-count")).containsText("200 rows loaded");
		Locator rows = page.getByTestId("data-rows");
		// the precondition of the glitch: more columns than fit, so the grid scrolls sideways
		assertThat(((Number) rows.evaluate("el => el.scrollWidth - el.clientWidth")).intValue()).isGreaterThan(100);
		rows.evaluate("el => { el.scrollTop = 2000; el.scrollLeft = el.scrollWidth }");
		page.waitForTimeout(300);
		screenshot("track-scrolled-down-and-right");

		Locator header = page.getByTestId("grid-header");
		// the header's box (and its background) reaches past its last column
		assertThat(((Number) header.evaluate("h => h.lastElementChild.getBoundingClientRect().right"
				+ " - h.getBoundingClientRect().right")).doubleValue()).isLessThanOrEqualTo(1.0);
		assertThat(((Number) page.getByTestId("filter-row").evaluate("f => f.lastElementChild.getBoundingClientRect().right"
				+ " - f.getBoundingClientRect().right")).doubleValue()).isLessThanOrEqualTo(1.0);
		// the header stays at the top of the scrolled grid, and its columns line up with a row's cells
		assertThat(((Number) rows.evaluate("el => Math.abs(el.querySelector('[data-testid=grid-header]')"
				+ ".getBoundingClientRect().top - el.getBoundingClientRect().top)")).doubleValue()).isLessThanOrEqualTo(2.0);
		Object misalignment = rows.evaluate("""
				el => {
				  const head = el.querySelector('[data-testid=grid-header]').lastElementChild.getBoundingClientRect();
				  const rows = [...el.querySelectorAll('[role=row]')];
				  const filter = el.querySelector('[data-testid=filter-row]').getBoundingClientRect();
				  const visible = rows.find(r => r.getBoundingClientRect().top >= filter.bottom);
				  const cell = visible.lastElementChild.getBoundingClientRect();
				  return Math.abs(head.left - cell.left) + Math.abs(head.right - cell.right);
				}""");
		assertThat(((Number) misalignment).doubleValue()).isLessThanOrEqualTo(1.0);
		// a point in the header's last column is the header, opaque, not a row under it
		Object opaque = rows.evaluate("""
				el => {
				  const h = el.querySelector('[data-testid=grid-header]');
				  const r = h.lastElementChild.getBoundingClientRect();
				  let node = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				  while (node && node !== h) node = node.parentElement;
				  return node === h && getComputedStyle(h).backgroundColor !== 'rgba(0, 0, 0, 0)';
				}""");
		assertThat(opaque).isEqualTo(true);
		assertNoConsoleErrors();
	}
}

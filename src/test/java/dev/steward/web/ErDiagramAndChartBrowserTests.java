package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Pagila on PostgreSQL: the schema's ER diagram opened from the browser, narrowed to {@code film} and its neighbours,
 * exported as SVG and PNG; then, in the console, a column completed without its table's name and a result charted.
 */
@IntegrationTest
class ErDiagramAndChartBrowserTests extends BrowserSupport {

	@Test
	void pagilaDiagramNarrowsToFilmExportsAndAResultIsCharted() throws Exception {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_er")) {
			Datasets.pagilaPostgres(db);
			TestApi api = TestApi.admin(port);
			String name = "Pagila er " + UUID.randomUUID().toString().substring(0, 8);
			TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			String saved = "Orders by month " + UUID.randomUUID().toString().substring(0, 8);
			try {
				page.setViewportSize(1440, 1000);
				loginAsAdmin();
				page.navigate("/browser?connection=" + id + "&db=" + db.name() + "&schema=public");
				page.getByTestId("open-er").click();
				assertThat(page).hasURL(Pattern.compile("/er\\?"));

				// the whole schema: 15 tables (payment's partitions folded in), 21 foreign keys
				Locator nodes = page.getByTestId("er-node");
				Locator edges = page.getByTestId("er-edge");
				assertThat(nodes).hasCount(15, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
				assertThat(edges).hasCount(21);
				assertThat(page.getByTestId("er-summary")).containsText("15 of 15 tables, 21 foreign keys");
				assertThat(page.locator("[data-table=payment]")).containsText("customer_id");
				screenshot("pagila-whole");

				// film and its neighbours: language (twice), film_actor, film_category, inventory
				page.getByLabel("Centre table").fill("film");
				page.getByLabel("Centre table").press("Enter");
				assertThat(page).hasURL(Pattern.compile("table=film"));
				assertThat(nodes).hasCount(5);
				assertThat(edges).hasCount(5);
				assertThat(page.locator("[data-table=film]")).containsText("original_language_id");
				assertThat(page.locator("[data-table=film]")).containsText("more columns");
				assertThat(page.locator("[data-table=actor]")).hasCount(0);
				screenshot("film-neighbours");
				page.getByLabel("Hops").selectOption("2");
				assertThat(page.locator("[data-table=actor]")).hasCount(1);
				assertThat(page.locator("[data-table=rental]")).hasCount(1);
				assertThat(page.locator("[data-table=payment]")).hasCount(0);
				screenshot("film-two-hops");
				// a click on a table centres the diagram on it
				page.locator("[data-table=actor] text").first().click();
				assertThat(page).hasURL(Pattern.compile("table=actor"));
				page.getByLabel("Hops").selectOption("1");
				assertThat(nodes).hasCount(2);
				page.getByLabel("Centre table").fill("film");
				page.getByLabel("Centre table").press("Enter");
				assertThat(nodes).hasCount(5);
				page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoom in")).click();
				assertThat(page.getByTestId("er-zoom")).not().hasText("100%");

				Download svg = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
						new Page.GetByRoleOptions().setName("SVG")).click());
				assertThat(svg.suggestedFilename()).isEqualTo("er-public-film.svg");
				String svgText = Files.readString(svg.path(), StandardCharsets.UTF_8);
				assertThat(svgText).startsWith("<svg").contains("film_actor").contains("original_language_id")
					.doesNotContain("transform=\"translate(0,0) scale");
				Download png = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
						new Page.GetByRoleOptions().setName("PNG")).click());
				byte[] pngBytes = Files.readAllBytes(png.path());
				assertThat(pngBytes.length).isGreaterThan(2000);
				assertThat(new String(pngBytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

				// the console: a column of the statement's table completes without its name
				navigate("Query");
				choose("Connection", name);
				Locator editor = page.locator(".cm-content");
				editor.fill("SELECT  FROM film");
				editor.press("Control+Home");
				for (int i = 0; i < "SELECT ".length(); i++) {
					editor.press("ArrowRight");
				}
				editor.pressSequentially("release_y");
				Locator completions = page.locator(".cm-tooltip-autocomplete");
				assertThat(completions).containsText("release_year",
						new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
				screenshot("unqualified-column-completion");
				page.waitForTimeout(300); // CodeMirror ignores Enter for a moment after the list opens
				editor.press("Enter");
				assertThat(editor).containsText("SELECT release_year FROM film");

				// a result charted: bars of sales per region, then a line over days
				editor.fill("SELECT r AS region, (ascii(r) * 7) % 50 + 10 AS sales, ascii(r) % 9 AS returns "
						+ "FROM unnest(ARRAY['north','south','east','west']) r");
				editor.press("Control+Enter");
				assertThat(page.getByTestId("sql-status")).containsText("COMPLETED");
				page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Chart")).click();
				Locator plot = page.getByTestId("chart-plot");
				assertThat(plot).hasAttribute("data-points", "4");
				assertThat(plot.locator("canvas")).hasCount(1);
				assertThat(page.getByLabel("X column")).hasValue("0");
				page.getByLabel("Y returns").check();
				assertThat(plot.locator(".u-legend")).containsText("returns");
				screenshot("chart-bars");
				editor.fill("SELECT d::date AS day, 100 + (extract(doy FROM d)::int * 37) % 41 AS orders "
						+ "FROM generate_series(date '2024-01-01', date '2024-03-31', interval '1 day') d");
				editor.press("Control+Enter");
				assertThat(page.getByTestId("sql-status")).containsText("COMPLETED");
				page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Line")).click();
				assertThat(plot).hasAttribute("data-points", "91");
				assertThat(plot).hasAttribute("data-kind", "line");
				screenshot("chart-line");
				// grouped: orders per month summed (3 months), then the same as a pie with its shares
				editor.fill("SELECT to_char(d, 'YYYY-MM') AS month, 100 + (extract(doy FROM d)::int * 37) % 41 AS orders "
						+ "FROM generate_series(date '2024-01-01', date '2024-03-31', interval '1 day') d");
				editor.press("Control+Enter");
				assertThat(page.getByTestId("sql-status")).containsText("COMPLETED");
				assertThat(plot).hasAttribute("data-points", "91");
				page.getByLabel("Aggregation").selectOption("sum");
				assertThat(plot).hasAttribute("data-points", "3");
				assertThat(page.getByTestId("chart-summary")).containsText("grouped from 91 rows");
				assertThat(plot.locator(".u-legend")).containsText("sum(orders)");
				page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Pie")).click();
				assertThat(plot).hasAttribute("data-kind", "pie");
				assertThat(plot.getByTestId("pie-slice")).hasCount(3);
				Locator legend = plot.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Legend"));
				assertThat(legend).containsText("2024-01");
				assertThat(legend).containsText("2024-03");
				assertThat(legend).containsText("%");
				screenshot("chart-pie-grouped");

				// saved with its chart; another query run; the saved one reopened and run draws its pie again
				page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save…")).click();
				Locator dialog = page.getByRole(AriaRole.DIALOG);
				dialog.getByLabel("Name").fill(saved);
				assertThat(dialog.getByTestId("saved-chart-note")).containsText("pie chart of orders by month");
				dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
				assertThat(dialog).hasCount(0);
				page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Grid")).click();
				editor.fill("SELECT 'other' AS what");
				editor.press("Control+Enter");
				assertThat(page.getByTestId("result-grid")).containsText("other");
				page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Saved")).click();
				Locator savedItem = page.getByTestId("saved-queries").getByText(saved);
				assertThat(page.getByTestId("saved-queries")).containsText("pie chart");
				savedItem.click();
				assertThat(editor).containsText("to_char(d, 'YYYY-MM') AS month");
				assertThat(page.getByTestId("result-grid")).containsText("other"); // the chart waits for the run
				editor.press("Control+Enter");
				assertThat(plot).hasAttribute("data-kind", "pie");
				assertThat(plot.getByTestId("pie-slice")).hasCount(3);
				assertThat(page.getByLabel("Aggregation")).hasValue("sum");
				assertThat(page.getByLabel("X column")).hasValue("0");
				screenshot("chart-reopened");

				page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Grid")).click();
				assertThat(page.getByTestId("result-grid")).containsText("2024-01"); // the first rows: the grid draws what is in view
				assertNoConsoleErrors();
			}
			finally {
				for (JsonNode query : api.get("/api/sql/saved?q=" + saved.replace(' ', '+')).json().get("items")) {
					api.delete("/api/sql/saved/" + query.get("id").asString());
				}
				api.delete("/api/connections/" + id);
			}
		}
	}
}

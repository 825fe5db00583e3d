package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;

import dev.steward.test.BrowserSupport;
import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/** The Database Browser against the shared Chinook sample (SQLite) that the server registers at start-up. */
@IntegrationTest
class CatalogBrowserTests extends BrowserSupport {

	private static final String SAMPLE = "Chinook (sample)";

	@Test
	void expandChinookJumpThroughAForeignKeyCountShowDdlAndSearch() {
		String sampleId = sampleId();
		loginAsAdmin();
		navigate("Database browser");
		assertThat(page).hasURL(Pattern.compile("/browser"));

		// pick the sample (it may not be the first active connection)
		choose("Connection", SAMPLE);
		assertThat(page).hasURL(Pattern.compile("connection=" + sampleId));

		// SQLite has no schemas: the database opens straight onto its folders, and shows its tables list
		Locator tree = page.getByRole(AriaRole.TREE, new Page.GetByRoleOptions().setName("Database objects"));
		tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("main")).first().click();
		Locator tables = tree.locator("[data-row-type=folder]", new Locator.LocatorOptions().setHasText("Tables"));
		assertThat(tables).containsText("11");
		assertThat(page.getByTestId("tables-totals")).containsText("11 tables");
		screenshot("schema-tables");
		tables.click();

		// a table: its columns in the tree and in the detail panel
		Locator invoice = tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("Invoice").setExact(true));
		invoice.click();
		assertThat(page.getByTestId("object-title")).hasText("main.Invoice");
		assertThat(tree.locator("[data-row-type=column]", new Locator.LocatorOptions().setHasText("BillingCity"))).isVisible();
		Locator columns = page.getByTestId("columns-table");
		assertThat(columns).containsText("InvoiceId");
		assertThat(columns).containsText("CustomerId");
		assertThat(columns.locator("tbody tr")).hasCount(9);
		assertThat(page).hasURL(Pattern.compile("object=Invoice"));
		screenshot("invoice-columns");

		// keys: the foreign key names Customer; following it opens Customer
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("^Keys"))).click();
		Locator fks = page.getByTestId("foreign-keys");
		assertThat(fks).containsText("(CustomerId)");
		assertThat(fks.getByTestId("fk-link")).hasText("main.Customer");
		screenshot("invoice-keys");
		fks.getByTestId("fk-link").filter(new Locator.FilterOptions().setHasText("Customer")).click();
		assertThat(page.getByTestId("object-title")).hasText("main.Customer");
		assertThat(page).hasURL(Pattern.compile("object=Customer"));

		// a reload keeps the selection
		page.reload();
		assertThat(page.getByTestId("object-title")).hasText("main.Customer");
		assertThat(page.getByTestId("columns-table")).containsText("SupportRepId");
		assertThat(tree.getByRole(AriaRole.TREEITEM, new Locator.GetByRoleOptions().setName("Customer").setExact(true)))
			.hasAttribute("aria-selected", "true");
		screenshot("customer-after-reload");

		// Customer is referenced by Invoice
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("^Keys"))).click();
		assertThat(page.getByTestId("referenced-by")).containsText("Invoice");

		// exact count
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Stats")).click();
		page.getByTestId("exact-count").click();
		assertThat(page.getByTestId("exact-count-result")).hasText("59");
		screenshot("customer-stats");

		// DDL straight from sqlite_master
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("DDL")).click();
		assertThat(page.getByTestId("ddl")).containsText("CREATE TABLE");
		assertThat(page.getByTestId("ddl")).containsText("Customer");
		screenshot("customer-ddl");

		// sync through the button, then search a column name and open the hit
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now")).click();
		assertThat(page.getByTestId("last-sync")).containsText("Last synced");
		assertThat(page.getByTestId("last-sync")).containsText("11 objects");
		page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Search schema")).fill("billingcity");
		Locator results = page.getByTestId("search-results");
		// other tests in this context may have synced their own Chinook copies: pick the sample's hit
		Locator hit = results.getByRole(AriaRole.OPTION)
			.filter(new Locator.FilterOptions().setHasText("Invoice.BillingCity"))
			.filter(new Locator.FilterOptions().setHasText(SAMPLE));
		assertThat(hit).hasCount(1);
		assertThat(hit).isVisible();
		screenshot("search");
		hit.click();
		assertThat(results).isHidden();
		assertThat(page.getByTestId("object-title")).hasText("main.Invoice");

		// the same screen in dark mode
		page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("DDL")).click();
		assertThat(page.getByTestId("ddl")).containsText("CREATE TABLE");
		screenshot("invoice-ddl-dark");
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("^Columns"))).click();
		screenshot("invoice-columns-dark");
		assertNoConsoleErrors();
	}

	@Test
	void theConnectionCardOpensTheBrowserOnItsConnection() {
		String sampleId = sampleId();
		loginAsAdmin();
		page.navigate("/connections");
		Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(SAMPLE));
		card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Browse " + SAMPLE)).click();
		assertThat(page).hasURL(Pattern.compile("/browser\\?connection=" + sampleId));
		assertThat(page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Connection"))).containsText(SAMPLE);
		assertThat(page.getByRole(AriaRole.TREEITEM, new Page.GetByRoleOptions().setName("main"))).isVisible();

		// a deep link to something that does not exist says so instead of showing a blank panel
		page.navigate("/browser?connection=" + sampleId + "&db=main&schema=main&object=NoSuchTable");
		assertThat(page.getByTestId("object-detail").or(page.getByText("Could not load main.NoSuchTable"))).isVisible();
		assertThat(page.getByText("Could not load main.NoSuchTable")).isVisible();
		screenshot("missing-object");
	}

	/**
	 * Pagila names 14 triggers {@code last_updated}, one per table: each row names its table, a click opens that
	 * table's trigger, and its badge says which table it is on. A sync then shows in an open search at once.
	 */
	@Test
	void triggersThatShareANameEachOpenTheirOwnAndSearchSeesASyncAtOnce() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_pagila")) {
			Datasets.pagilaPostgres(db);
			String marker = ScratchDatabases.uniqueName("zq_marker");
			db.exec("CREATE TABLE " + marker + " (id int PRIMARY KEY)");
			TestApi api = TestApi.admin(port);
			TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "Pagila " + marker)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			try {
				page.setViewportSize(1440, 1100);
				loginAsAdmin();
				// an old link without the table: the trigger on actor, its folder open
				page.navigate("/browser?connection=" + id + "&db=" + db.name()
						+ "&schema=public&object=last_updated&kind=trigger");
				assertThat(page.getByTestId("object-parent")).hasText("on actor");
				Locator tree = page.getByRole(AriaRole.TREE, new Page.GetByRoleOptions().setName("Database objects"));
				Locator named = tree.getByRole(AriaRole.TREEITEM,
						new Locator.GetByRoleOptions().setName(Pattern.compile("^last_updated on ")));
				assertThat(named).hasCount(14);
				@SuppressWarnings("unchecked")
				List<String> labels = (List<String>) named.evaluateAll("rows => rows.map(r => r.getAttribute('aria-label'))");
				assertThat(labels).doesNotHaveDuplicates().contains("last_updated on film", "last_updated on store");

				screenshot("triggers-old-link");
				Locator onFilm = tree.getByRole(AriaRole.TREEITEM,
						new Locator.GetByRoleOptions().setName("last_updated on film").setExact(true));
				Locator onActor = tree.getByRole(AriaRole.TREEITEM,
						new Locator.GetByRoleOptions().setName("last_updated on actor").setExact(true));
				onFilm.click();
				assertThat(page).hasURL(Pattern.compile("parent=film(&|$)"));
				assertThat(page.getByTestId("object-title")).hasText("public.last_updated");
				assertThat(page.getByTestId("object-parent")).hasText("on film");
				assertThat(page.getByTestId("object-detail")).containsText("film");
				assertThat(onFilm).hasAttribute("aria-selected", "true");
				assertThat(onActor).hasAttribute("aria-selected", "false");
				screenshot("trigger-on-film");
				page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("DDL")).click();
				assertThat(page.getByTestId("ddl")).containsText("film FOR EACH ROW");
				assertThat(page.getByTestId("ddl")).not().containsText("actor");
				screenshot("trigger-on-film-ddl");
				// a reload keeps that one
				page.reload();
				assertThat(page.getByTestId("object-parent")).hasText("on film");

				// a table's stats speak words, not keys
				page.navigate("/browser?connection=" + id + "&db=" + db.name() + "&schema=public&object=film&kind=table");
				page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Stats")).click();
				assertThat(page.getByText("Live tuples", new Page.GetByTextOptions().setExact(true))).isVisible();
				assertThat(page.getByText("liveTuples")).hasCount(0);
				screenshot("film-stats");

				// search before the first sync finds nothing; after "Sync now" the same search finds the table
				Locator search = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Search schema"));
				search.fill(marker);
				Locator results = page.getByTestId("search-results");
				assertThat(results).containsText("Nothing named like");
				// a click elsewhere closes the results (Escape would also empty a search input)
				page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Database browser").setExact(true)).click();
				assertThat(results).isHidden();
				page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now")).click();
				assertThat(page.getByTestId("last-sync")).containsText("Last synced");
				search.click();
				assertThat(search).hasValue(marker);
				assertThat(results.getByRole(AriaRole.OPTION)
					.filter(new Locator.FilterOptions().setHasText(marker))).hasCount(1);
				screenshot("search-after-sync");
				assertNoConsoleErrors();
			}
			finally {
				api.delete("/api/connections/" + id);
			}
		}
	}

	private String sampleId() {
		for (JsonNode c : TestApi.admin(port).get("/api/connections").json()) {
			if (c.get("name").asString().equals(SAMPLE)) {
				return c.get("id").asString();
			}
		}
		throw new AssertionError("the sample connection is not registered");
	}
}

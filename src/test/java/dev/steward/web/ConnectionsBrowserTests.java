package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/** The connections page against the real server and the machine's PostgreSQL. */
@IntegrationTest
class ConnectionsBrowserTests extends BrowserSupport {

	@Test
	void createTestToggleAndDeleteAPostgresConnection() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_conn")) {
			String name = "Browser PG " + UUID.randomUUID().toString().substring(0, 8);
			loginAsAdmin();
			navigate("Connections");
			page.getByTestId("new-connection").click();
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			assertThat(dialog.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("New connection"))).isVisible();

			// client-side validation first
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create connection")).click();
			assertThat(dialog.getByText("Give the connection a name")).isVisible();

			dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name);
			dialog.getByTestId("engine-POSTGRESQL").click();
			dialog.getByLabel("Host").fill("127.0.0.1");
			assertThat(dialog.getByLabel("Port")).hasAttribute("placeholder", "5432");
			dialog.getByLabel("Database", new Locator.GetByLabelOptions().setExact(true)).fill(db.name());
			dialog.getByLabel("Username").fill(ScratchDatabases.PG_USER);

			// a port nobody listens on: the unsaved test fails with a category
			dialog.getByLabel("Port").fill("1");
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
			Locator result = dialog.getByTestId("test-result");
			assertThat(result).hasAttribute("data-success", "false");
			assertThat(result).containsText("Host unreachable");
			screenshot("test-failed");

			dialog.getByLabel("Port").fill("");
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
			assertThat(result).hasAttribute("data-success", "true");
			assertThat(result).containsText("PostgreSQL");
			assertThat(result).containsText(Pattern.compile("\\d+ ms"));
			screenshot("test-succeeded");

			dialog.getByLabel("Tags").fill("browser");
			dialog.getByLabel("Tags").press("Enter");
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create connection")).click();
			assertThat(dialog).isHidden();
			assertThat(page.getByText("Created “" + name + "”")).isVisible();

			Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
			assertThat(card).isVisible();
			assertThat(card.getByTestId("connection-target")).containsText("127.0.0.1:5432/" + db.name());
			assertThat(card.getByText("browser", new Locator.GetByTextOptions().setExact(true))).isVisible();
			screenshot("created");
			String id = idOf(name);

			// the card's own test button
			card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test " + name)).click();
			assertThat(page.getByText(name + ": connected")).isVisible();

			// deactivate: the switch flips, and the server agrees
			Locator active = card.getByTestId("active-switch");
			assertThat(active).hasAttribute("aria-checked", "true");
			active.click();
			assertThat(active).hasAttribute("aria-checked", "false");
			assertThat(page.getByText(name + " is now inactive")).isVisible();
			assertThat(TestApi.admin(port).get("/api/connections/" + id).json().get("active").asBoolean()).isFalse();

			// the status filter now finds it among the inactive ones only
			page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Status")).click();
			page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Active").setExact(true)).click();
			assertThat(card).isHidden();
			page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Status")).click();
			page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Inactive")).click();
			assertThat(card).isVisible();
			screenshot("inactive-filter");

			// delete, confirming in a dialog that names the connection
			card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete " + name)).click();
			Locator confirm = page.getByRole(AriaRole.ALERTDIALOG);
			assertThat(confirm).containsText("Delete “" + name + "”?");
			screenshot("confirm-delete");
			confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete connection")).click();
			assertThat(card).isHidden();
			assertThat(page.getByText("Deleted “" + name + "”")).isVisible();
			assertThat(TestApi.admin(port).get("/api/connections/" + id).status()).isEqualTo(404);
			assertNoConsoleErrors();
		}
	}

	@Test
	void serverFieldErrorsLandOnTheirFields() {
		loginAsAdmin();
		page.navigate("/connections");
		page.getByTestId("new-connection").click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Outside the data dir");
		dialog.getByTestId("engine-SQLITE").click();
		dialog.getByLabel("Database file").fill("/etc/steward-not-allowed.sqlite");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create connection")).click();

		Locator file = dialog.getByLabel("Database file");
		assertThat(file).hasAttribute("aria-invalid", "true");
		String errorId = file.getAttribute("aria-describedby").split(" ")[0];
		assertThat(page.locator("#" + errorId)).not().isEmpty();
		assertThat(dialog).isVisible();
		screenshot("field-error");
		assertThat(TestApi.admin(port).get("/api/connections?q=Outside%20the%20data%20dir").json().size()).isZero();
	}

	@Test
	void connectionStringTabParsesAndSaves() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_url")) {
			String name = "From URL " + UUID.randomUUID().toString().substring(0, 8);
			loginAsAdmin();
			page.navigate("/connections");
			page.getByTestId("new-connection").click();
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name);
			dialog.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName("Connection string")).click();
			dialog.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Connection string"))
				.fill("postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name());
			assertThat(dialog.getByTestId("parsed-url")).containsText("127.0.0.1:5432/" + db.name());
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
			assertThat(dialog.getByTestId("test-result")).hasAttribute("data-success", "true");
			screenshot("url-tested");
			// a connection naming a database browses only it unless this is ticked
			Locator browseAll = dialog.getByRole(AriaRole.CHECKBOX,
					new Locator.GetByRoleOptions().setName("Browse the server's other databases"));
			assertThat(browseAll).not().isChecked();
			browseAll.click();
			assertThat(browseAll).isChecked();
			dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create connection")).click();
			assertThat(dialog).isHidden();
			Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
			assertThat(card.getByTestId("connection-target")).containsText("127.0.0.1:5432/" + db.name());

			JsonNode saved = TestApi.admin(port).get("/api/connections/" + idOf(name)).json();
			assertThat(saved.get("engine").asString()).isEqualTo("POSTGRESQL");
			assertThat(saved.get("database").asString()).isEqualTo(db.name());
			assertThat(saved.get("browseAllDatabases").asBoolean()).isTrue();
			TestApi.admin(port).delete("/api/connections/" + saved.get("id").asString());
			assertNoConsoleErrors();
		}
	}

	@Test
	void aBadConnectionStringShowsItsErrorOnce() {
		String bad = "notascheme://somewhere:1234/db";
		String reason = TestApi.admin(port).post("/api/connections/parse-url",
				TestApi.JSON.createObjectNode().put("url", bad).toString()).json().path("errors").path(0).path("reason")
			.asString("");
		loginAsAdmin();
		page.navigate("/connections");
		page.getByTestId("new-connection").click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Bad URL " + UUID.randomUUID());
		dialog.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName("Connection string")).click();
		dialog.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Connection string")).fill(bad);
		Locator message = reason.isEmpty() ? dialog.getByText(Pattern.compile("scheme", Pattern.CASE_INSENSITIVE))
				: dialog.getByText(reason, new Locator.GetByTextOptions().setExact(false));
		assertThat(message.first()).isVisible();
		assertThat(message).hasCount(1);
		// the server says the same when asked to test it: still one message
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
		page.waitForTimeout(800);
		assertThat(message).hasCount(1);
		screenshot("bad-url-once");
	}

	@Test
	void aNeverUsedCardSaysSoInFullAt1440() {
		String name = "Never used " + UUID.randomUUID().toString().substring(0, 8);
		TestApi api = TestApi.admin(port);
		TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/postgres").toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		try {
			loginAsAdmin();
			page.navigate("/connections");
			Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
			Locator lastUsed = card.getByTestId("last-used");
			assertThat(lastUsed).hasText("Never used");
			lastUsed.scrollIntoViewIfNeeded();
			// not cut by an ellipsis, and inside its card
			assertThat((Boolean) lastUsed.evaluate("e => e.scrollWidth <= e.clientWidth")).isTrue();
			var box = lastUsed.boundingBox();
			var cardBox = card.boundingBox();
			assertThat(box.x + box.width).isLessThanOrEqualTo(cardBox.x + cardBox.width);
			screenshot("never-used-1440");
		}
		finally {
			api.delete("/api/connections/" + created.json().get("id").asString());
		}
	}

	@Test
	void theTableViewListsAndSortsConnections() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		TestApi api = TestApi.admin(port);
		List<String> ids = new ArrayList<>();
		for (String name : new String[] { "Table A " + tag, "Table B " + tag }) {
			TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/postgres").toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			ids.add(created.json().get("id").asString());
		}
		try {
			loginAsAdmin();
			page.navigate("/connections?q=" + tag);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Table").setExact(true)).click();
			Locator rows = page.getByTestId("connection-row");
			assertThat(rows).hasCount(2);
			assertThat(rows.first()).containsText("Table A " + tag);
			assertThat(rows.first()).containsText("127.0.0.1:5432/postgres");
			Locator nameHeader = page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Name"));
			assertThat(nameHeader).hasAttribute("aria-sort", "ascending");
			screenshot("table-view");

			nameHeader.getByRole(AriaRole.BUTTON).click();
			assertThat(nameHeader).hasAttribute("aria-sort", "descending");
			assertThat(rows.first()).containsText("Table B " + tag);

			// the view is part of the address, and the cards come back with one click
			assertThat(page).hasURL(Pattern.compile("view=table"));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cards").setExact(true)).click();
			assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Table A " + tag))).isVisible();
			assertThat(rows).hasCount(0);
		}
		finally {
			ids.forEach((id) -> api.delete("/api/connections/" + id));
		}
	}

	private String idOf(String name) {
		for (JsonNode c : TestApi.admin(port).get("/api/connections").json()) {
			if (c.get("name").asString().equals(name)) {
				return c.get("id").asString();
			}
		}
		throw new AssertionError("no connection named " + name);
	}
}

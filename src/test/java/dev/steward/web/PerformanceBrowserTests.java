package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;

/**
 * The Monitoring page of one connection shows its advice with evidence; the fix SQL is copied to the clipboard as
 * shown and opens in the SQL console; top queries say how to switch statement statistics on.
 */
@IntegrationTest
class PerformanceBrowserTests extends BrowserSupport {

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi.admin(port).delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void adviceShowsWithEvidenceAndItsFixIsCopyableAndOpensInTheConsole() {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_perf")) {
			db.exec("CREATE TABLE customer (id int PRIMARY KEY)",
					"CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customer (id))");
			String name = "perf " + UUID.randomUUID().toString().substring(0, 8);
			connectionId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://postgres@127.0.0.1:5432/" + db.name()).toString()).json().get("id").asString();
			context.grantPermissions(List.of("clipboard-read", "clipboard-write"));

			loginAsAdmin();
			page.navigate("/monitoring?connection=" + connectionId);
			Locator finding = page.locator("[data-testid=finding][data-kind=FOREIGN_KEY_WITHOUT_INDEX]");
			assertThat(finding).containsText("customer_id", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
			String fix = "CREATE INDEX CONCURRENTLY ON \"public\".\"orders\" (\"customer_id\");";
			assertThat(finding.getByTestId("fix-sql")).hasText(fix);
			assertThat(finding).containsText("references");
			assertThat(page.getByTestId("statements-unavailable")).containsText("shared_preload_libraries");
			finding.scrollIntoViewIfNeeded();
			finding.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy the fix for public.orders (orders_customer_id_fkey)")).click();
			assertThat(page.getByText("Copied to the clipboard")).isVisible();
			org.assertj.core.api.Assertions.assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(fix);
			screenshot("advice");

			finding.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open in console")).click();
			assertThat(page.locator(".cm-content")).containsText("CREATE INDEX CONCURRENTLY ON \"public\".\"orders\"");
			assertThat(page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Connection"))).containsText(name);
			screenshot("console");
			assertNoConsoleErrors();
		}
	}
}

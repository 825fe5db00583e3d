package dev.steward.masking;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Administration → Masking policies: the PII finder suggests a customer table's e-mail column, a click creates its
 * policy, a rule is added through the dialog, and both are listed.
 */
@IntegrationTest
class MaskingBrowserTests extends BrowserSupport {

	@Test
	void anAdminScansForPiiAndCreatesPolicies() throws Exception {
		TestApi admin = TestApi.admin(port);
		String name = "mask-ui-" + UUID.randomUUID().toString().substring(0, 8);
		String rule = "rule-" + name;
		try (Scratch db = ScratchDatabases.postgres("mask_ui")) {
			db.exec("CREATE TABLE customer (id int PRIMARY KEY, city text, contact text)",
					"INSERT INTO customer SELECT g, 'Paris', 'user' || g || '@example.com' FROM generate_series(1, 20) g");
			TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()).toString());
			org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
			String connection = created.json().get("id").asString();
			try {
				loginAsAdmin();
				navigate("Masking policies");
				assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Masking policies").setExact(true)))
					.isVisible();
				page.getByLabel("Connection").click();
				page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(name)).click();
				page.getByLabel("Schema").fill("public");
				page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scan").setExact(true)).click();
				Locator suggestion = page.getByTestId("suggestion-public.customer.contact");
				assertThat(suggestion).isVisible();
				assertThat(suggestion).containsText("email");
				assertThat(suggestion).containsText("20/20");
				assertThat(page.getByTestId("suggestion-public.customer.city")).hasCount(0);
				screenshot("suggestions");
				suggestion.getByRole(AriaRole.BUTTON).click();
				assertThat(suggestion).containsText("Policy created");
				assertThat(page.getByTestId("policy-row-customer.contact (email)")).containsText("customer.contact");

				page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New policy")).click();
				Locator dialog = page.getByRole(AriaRole.DIALOG);
				dialog.getByLabel("Name").fill(rule);
				dialog.getByLabel("Masks").click();
				page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Columns by name")).click();
				dialog.getByLabel("Connection").click();
				page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(name)).click();
				Locator submit = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create policy"));
				submit.click();
				assertThat(dialog.getByText("Required")).isVisible();
				dialog.getByLabel("Column name pattern").fill("phone|mobile");
				submit.click();
				assertThat(dialog).isHidden();
				assertThat(page.getByTestId("policy-row-" + rule)).containsText("phone|mobile");
				screenshot("policies");
				assertNoConsoleErrors();
			}
			finally {
				for (JsonNode p : admin.get("/api/masking/policies").json()) {
					if (connection.equals(p.path("connectionId").asString(""))) {
						admin.delete("/api/masking/policies/" + p.get("id").asString());
					}
				}
			}
		}
	}
}

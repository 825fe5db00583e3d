package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.json.JsonMapper;

/** A VIEWER sees shared connections but none of the controls that change or test them (all POST/PUT/PATCH/DELETE). */
@IntegrationTest
class ViewerBrowserTests extends BrowserSupport {

	private static final JsonMapper JSON = TestApi.JSON;

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi.admin(port).delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void viewerSeesSharedConnectionsWithoutEditDeleteOrToggle() {
		String name = "Shared for viewers " + UUID.randomUUID().toString().substring(0, 8);
		TestUsers.TestUser viewer = TestUsers.create(port, "VIEWER");
		TestApi admin = TestApi.admin(port);
		TestApi.Response created = admin.post("/api/connections", JSON.createObjectNode().put("name", name)
			.put("engine", "POSTGRESQL").put("host", "127.0.0.1").put("database", "postgres").put("username", "postgres")
			.put("shared", true).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		connectionId = created.json().get("id").asString();

		login(viewer.username(), viewer.password());
		assertThat(page.getByTestId("user-menu")).containsText("Viewer");
		Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
		assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users"))).hasCount(0);
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New connection"))).hasCount(0);

		page.navigate("/connections");
		Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name));
		assertThat(card).isVisible();
		assertThat(card.getByText("Active", new Locator.GetByTextOptions().setExact(true))).isVisible();
		// nothing that changes anything, on this card or any other
		assertThat(page.getByTestId("new-connection")).hasCount(0);
		assertThat(page.getByTestId("active-switch")).hasCount(0);
		assertThat(page.getByRole(AriaRole.SWITCH)).hasCount(0);
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^(Edit|Delete|Test) ")))).hasCount(0);
		screenshot("connections");

		// and an admin page says so instead of failing
		page.navigate("/users");
		assertThat(page.getByText("Administrators only")).isVisible();
		assertNoConsoleErrors();
	}
}

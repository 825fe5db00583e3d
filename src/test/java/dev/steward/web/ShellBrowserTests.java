package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import tools.jackson.databind.JsonNode;

/** The shell around every page: login, dashboard, navigation, theme. */
@IntegrationTest
class ShellBrowserTests extends BrowserSupport {

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private static final String SAMPLE = "Chinook (sample)";

	@Test
	void loginShowsValidationAndTheServersMessageThenReturnsToTheAskedPage() {
		page.navigate("/audit?outcome=FAILURE");
		assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Faudit%3Foutcome%3DFAILURE$"));

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page.getByText("Enter your username")).isVisible();
		assertThat(page.getByText("Enter your password")).isVisible();
		screenshot("validation");

		page.getByLabel("Username").fill("nobody");
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page.getByTestId("login-error")).hasText("Invalid username or password");
		assertThat(page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))).isEmpty();
		screenshot("failed");

		page.getByLabel("Username").fill("admin");
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestStore.ADMIN_PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page).hasURL(Pattern.compile("/audit\\?outcome=FAILURE$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit log").setExact(true))).isVisible();
		assertNoConsoleErrors();
	}

	@Test
	void dashboardCountsConnectionsAndListsTheSampleOnceUsed() {
		JsonNode all = TestApi.admin(port).get("/api/connections").json();
		long sqlite = 0;
		boolean sample = false;
		for (JsonNode c : all) {
			sqlite += c.get("engine").asString().equals("SQLITE") ? 1 : 0;
			sample |= c.get("name").asString().equals(SAMPLE);
		}
		assertThat(sample).as("the Chinook sample connection is registered").isTrue();

		loginAsAdmin();
		assertThat(page.getByTestId("stat-connections").getByTestId("stat-value")).hasText(String.valueOf(all.size()));
		assertThat(page.getByTestId("engine-stats").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^SQLite"))))
			.containsText(String.valueOf(sqlite));

		// testing the sample from its card makes it "recently used"
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Open connections Browse"))).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test " + SAMPLE)).click();
		assertThat(page.getByText(SAMPLE + ": connected")).isVisible();
		assertThat(page.getByText(Pattern.compile("SQLite 3[.\\d]* · \\d+ ms"))).isVisible();
		navigate("Dashboard");
		assertThat(page.getByTestId("recent-connections")).containsText(SAMPLE);
		assertThat(page.getByTestId("recent-connections")).containsText("sqlite/chinook.sqlite");
		screenshot("dashboard");
		assertNoConsoleErrors();
	}

	@Test
	void theDashboardFitsAPhoneWidthScreen() {
		// a firing alert on a connection with a long name, as other tests leave behind
		String name = "phone-width-" + "a-very-long-connection-name-and-more-" + java.util.UUID.randomUUID();
		TestApi.Response created = TestApi.admin(port).post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", name).put("engine", "POSTGRESQL").put("host", "127.0.0.1").put("port", 5432)
			.put("username", "postgres").toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		java.util.UUID connection = java.util.UUID.fromString(created.json().get("id").asString());
		java.util.UUID rule = jdbc.sql("SELECT id FROM alert_rules WHERE built_in = TRUE ORDER BY name").query(java.util.UUID.class)
			.list().getFirst();
		java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO alerts (id, rule_id, connection_id, connection_name, open_key, state, level, metric, threshold,
				  message, pending_since, fired_at, notify_count, updated_at)
				VALUES (?, ?, ?, ?, ?, 'FIRING', 'CRITICAL', 'up', 1, ?, ?, ?, 0, ?)""")
			.params(java.util.UUID.randomUUID(), rule, connection, name, rule + "/" + connection,
					"Target down on " + name, now, now, now)
			.update();
		page.setViewportSize(375, 812);
		loginAsAdmin();
		assertThat(page.getByLabel("Connection statistics")).isVisible();
		page.waitForTimeout(500);
		screenshot("dashboard-375");
		Object widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth, "
				+ "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
				+ ".slice(0, 6).map(e => e.tagName + '.' + (e.getAttribute('data-testid') || e.className).toString().slice(0, 80))]");
		assertThat((Boolean) page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth"))
			.as("scrollWidth, innerWidth = %s", widths).isTrue();
	}

	@Test
	void sidebarReachesEveryPageAndLogoutEndsTheSession() {
		loginAsAdmin();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^Good (morning|afternoon|evening), admin$")))).isVisible();

		navigate("Connections");
		assertThat(page).hasURL(Pattern.compile("/connections$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Connections").setExact(true))).isVisible();

		navigate("Users");
		assertThat(page).hasURL(Pattern.compile("/users$"));
		assertThat(page.getByTestId("user-row-admin")).isVisible();
		screenshot("users");

		navigate("Audit log");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit log").setExact(true))).isVisible();
		assertThat(page.getByTestId("audit-row").first()).isVisible();
		screenshot("audit");

		navigate("Profile");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Profile").setExact(true))).isVisible();
		screenshot("profile");

		navigate("Dashboard");
		assertThat(page).hasURL(Pattern.compile("/$"));

		page.getByTestId("user-menu").click();
		page.getByTestId("logout").click();
		assertThat(page).hasURL(Pattern.compile("/login$"));
		page.navigate("/connections");
		assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Fconnections$"));
		assertNoConsoleErrors();
	}

	@Test
	void themeToggleSwitchesToDarkAndRemembersIt() {
		loginAsAdmin();
		assertThat(page.locator("html")).not().hasClass(Pattern.compile("\\bdark\\b"));

		page.getByTestId("theme-toggle").click();
		page.getByRole(AriaRole.MENUITEMRADIO, new Page.GetByRoleOptions().setName("Dark")).click();
		assertThat(page.locator("html")).hasClass(Pattern.compile("\\bdark\\b"));
		screenshot("dark-dashboard");

		page.reload();
		assertThat(page.getByTestId("user-menu")).isVisible();
		assertThat(page.locator("html")).hasClass(Pattern.compile("\\bdark\\b"));

		page.getByTestId("theme-toggle").click();
		page.getByRole(AriaRole.MENUITEMRADIO, new Page.GetByRoleOptions().setName("Light")).click();
		assertThat(page.locator("html")).not().hasClass(Pattern.compile("\\bdark\\b"));
		assertNoConsoleErrors();
	}
}

package dev.steward.monitor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.steward.schedule.ScheduleTesting.tinySqliteConnectionIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.monitor.MonitorEvents.SampleTaken;
import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/** The dashboard shows a firing alert by level; the alerts page acknowledges it with a comment. */
@IntegrationTest
class AlertsBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void theDashboardShowsAnOpenAlertAndTheAlertsPageAcknowledgesIt() throws Exception {
		TestApi admin = TestApi.admin(port);
		String conn = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "ui-alert", true);
		String ruleName = TestUsers.uniqueName("Runaway query");
		TestApi.Response rule = admin.post("/api/alert-rules", TestApi.JSON.createObjectNode().put("name", ruleName)
			.put("metric", "longest_query").put("comparison", "ABOVE").put("threshold", 600).put("forSeconds", 0)
			.put("level", "CRITICAL").put("scope", "CONNECTION").put("scopeValue", conn).put("renotifyMinutes", 0)
			.put("enabled", true).toString());
		org.assertj.core.api.Assertions.assertThat(rule.status()).as(rule.body()).isEqualTo(201);
		events.publishEvent(new SampleTaken(new HealthView(UUID.fromString(conn), "ui-alert", "SQLITE", Instant.now(),
				MonitorStatus.UP, true, 2, "3.45", Map.of("longest_query", 1800.0), Map.of(), List.of())));
		JsonNode alert = admin.get("/api/alerts?state=FIRING&connection=" + conn).json().get("items").get(0);
		String alertId = alert.get("id").asString();

		loginAsAdmin();
		Locator card = page.getByTestId("open-alerts");
		assertThat(card).containsText(ruleName);
		assertThat(card.getByTestId("open-alerts-critical")).isVisible();
		screenshot("dashboard");

		navigate("Alerts");
		Locator row = page.getByTestId("alert-row-" + alertId);
		assertThat(row).containsText(ruleName);
		assertThat(row).containsText("longest_query is 1,800 s");
		assertThat(row.getByTestId("alert-level")).hasText("critical");
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge " + ruleName + " on ")
			.setExact(false)).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Comment").fill("DBA on it");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge").setExact(true)).click();
		assertThat(dialog).isHidden();
		assertThat(page.getByTestId("alert-row-" + alertId)).isHidden();

		page.getByRole(AriaRole.TAB, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Acknowledged")).click();
		Locator acked = page.getByTestId("alert-row-" + alertId);
		assertThat(acked).containsText("DBA on it");
		screenshot("acknowledged");
		org.assertj.core.api.Assertions.assertThat(admin.get("/api/alerts/" + alertId).json().get("acknowledgedBy")
			.asString()).isEqualTo("admin");
		assertNoConsoleErrors();
	}
}

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

	@Test
	void aStorageTargetCheckIsCreatedInTheRuleDialogWithItsPreview() {
		TestApi admin = TestApi.admin(port);
		JsonNode local = null;
		for (JsonNode t : admin.get("/api/storage-targets").json()) {
			if (local == null && "LOCAL".equals(t.get("kind").asString())) {
				local = t;
			}
		}
		org.assertj.core.api.Assertions.assertThat(local).as("a local storage target").isNotNull();
		String target = local.get("id").asString();
		String targetName = local.get("name").asString();
		String ruleName = TestUsers.uniqueName("Backup disk nearly full");
		loginAsAdmin();
		navigate("Alerts");
		page.getByRole(AriaRole.TAB, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Rules")).click();
		page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("New rule")).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(ruleName);
		dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Metric, event or check")).click();
		page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions()
			.setName("Storage target free space below … %")).click();
		assertThat(dialog.getByLabel("Threshold (%)")).hasValue("10");
		dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Watches")).click();
		page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions()
			.setName("one storage target")).click();
		dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Storage target")).click();
		page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions().setName(targetName)
			.setExact(true)).first().click();
		Locator preview = dialog.getByTestId("rule-preview");
		assertThat(preview).containsText("Right now this check is past its threshold on 0 of 1 storage targets");
		assertThat(preview).containsText("storage target '" + targetName + "':");
		screenshot("target-check-rule");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add rule")).click();
		assertThat(dialog).isHidden();
		Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(ruleName));
		assertThat(row).containsText("target_free_percent < 10 · one storage target · checked every minute");
		JsonNode saved = null;
		for (JsonNode r : admin.get("/api/alert-rules").json()) {
			if (r.get("name").asString().equals(ruleName)) {
				saved = r;
			}
		}
		org.assertj.core.api.Assertions.assertThat(saved).isNotNull();
		org.assertj.core.api.Assertions.assertThat(saved.get("kind").asString()).isEqualTo("CHECK");
		org.assertj.core.api.Assertions.assertThat(saved.get("scope").asString()).isEqualTo("TARGET");
		org.assertj.core.api.Assertions.assertThat(saved.get("scopeValue").asString()).isEqualTo(target);
		admin.delete("/api/alert-rules/" + saved.get("id").asString());
		assertNoConsoleErrors();
	}
}

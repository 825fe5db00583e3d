package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestUsers;

/** Administration → Compliance: run a report, read its checks, download the PDF; and the audit page's export. */
@IntegrationTest
class ComplianceBrowserTests extends BrowserSupport {

	@Test
	void anAdminRunsAReportAndDownloadsItsPdf() throws Exception {
		loginAsAdmin();
		navigate("Compliance");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Compliance").setExact(true))).isVisible();
		page.getByTestId("run-compliance").click();
		Locator report = page.getByTestId("compliance-report");
		assertThat(report.getByTestId("check-row")).hasCount(13);
		assertThat(report.locator("[data-check=audit-chain]")).containsText("Pass");
		assertThat(report.locator("[data-check=ip-allowlist]")).containsText("Not available");
		assertThat(report.locator("[data-check=audit-retention]")).containsText("steward.audit.retention-days");
		assertThat(report).containsText("SHA-256");
		assertThat(report).containsText("(latest)");
		assertThat(page.getByTestId("report-row").first()).isVisible();
		screenshot("report");

		Download download = page.waitForDownload(() -> report.getByTestId("download-pdf").click());
		Path pdf = Files.createTempFile("compliance", ".pdf");
		download.saveAs(pdf);
		try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
			assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
			assertThat(new PDFTextStripper().getText(doc)).contains("Steward compliance report",
					"The audit chain verifies");
		}

		navigate("Audit log");
		page.getByTestId("export-audit").click();
		Download csv = page.waitForDownload(
				() -> page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("CSV (last 30 days)")).click());
		Path file = Files.createTempFile("audit", ".csv");
		csv.saveAs(file);
		assertThat(Files.readString(file)).startsWith("seq,occurredAt,actor").contains("compliance.report");
		assertNoConsoleErrors();
	}

	@Test
	void aViewerHasNoCompliancePage() {
		TestUsers.TestUser viewer = TestUsers.create(port, "VIEWER");
		login(viewer.username(), viewer.password());
		assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Compliance"))).hasCount(0);
		page.navigate("/compliance");
		assertThat(page.getByText("Administrators only")).isVisible();
		page.navigate("/audit");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit log").setExact(true))).isVisible();
		assertThat(page.getByTestId("export-audit")).hasCount(0);
		assertNoConsoleErrors();
	}
}

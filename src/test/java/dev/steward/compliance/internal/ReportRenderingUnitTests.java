package dev.steward.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import dev.steward.compliance.CheckResult;
import dev.steward.compliance.CheckStatus;
import dev.steward.compliance.ComplianceReport;

/** The PDF renders (pages counted, text extracted) and the HTML escapes what the report carries. */
class ReportRenderingUnitTests {

	static ComplianceReport report(int evidenceLines) {
		List<String> evidence = new ArrayList<>();
		evidence.add("3 connection(s) without an enabled schedule");
		for (int i = 0; i < evidenceLines; i++) {
			evidence.add("connection-" + i + " \u2192 \u65e5\u672c <script>alert(1)</script> " + "x".repeat(i % 3 == 0 ? 140 : 5));
		}
		List<CheckResult> checks = List.of(
				new CheckResult("backup-schedules", "Every connection has an enabled backup schedule", CheckStatus.FAIL,
						evidence, "Create a schedule."),
				new CheckResult("audit-chain", "The audit chain verifies", CheckStatus.PASS, List.of("12 records"), ""),
				new CheckResult("ip-allowlist", "An IP allowlist is configured", CheckStatus.NOT_AVAILABLE,
						List.of("not yet"), "Use the proxy."));
		return new ComplianceReport(UUID.randomUUID(), Instant.parse("2026-06-01T12:00:00Z"), "admin",
				ComplianceReport.ReportSummary.of(checks), checks, "ab".repeat(32));
	}

	@Test
	void thePdfHasTheChecksAndFlowsOntoMorePages() throws Exception {
		byte[] small = ReportPdf.render(report(2));
		try (PDDocument doc = Loader.loadPDF(small)) {
			assertThat(doc.getNumberOfPages()).isEqualTo(1);
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("Steward compliance report", "Every connection has an enabled backup schedule",
					"The audit chain verifies", "An IP allowlist is configured", "[FAIL]", "[PASS]", "[NOT AVAILABLE]",
					"ab".repeat(32), "1 pass, 0 warn, 1 fail, 1 not available", "Fix: Create a schedule.");
			assertThat(text).contains("connection-0 -> ?? <script>");
			assertThat(doc.getDocumentInformation().getTitle()).contains("2026-06-01T12:00:00Z");
		}
		byte[] large = ReportPdf.render(report(120));
		try (PDDocument doc = Loader.loadPDF(large)) {
			assertThat(doc.getNumberOfPages()).isGreaterThan(2);
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("connection-119", "The audit chain verifies");
		}
	}

	@Test
	void theHtmlEscapesEverything() {
		String html = ReportHtml.render(report(1));
		assertThat(html).startsWith("<!DOCTYPE html>").contains("Every connection has an enabled backup schedule")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
			.contains("class=\"status FAIL\"").contains("ab".repeat(32));
	}

	@Test
	void theStoredContentHashesAsRecorded() {
		ComplianceReport r = report(1);
		String content = ReportStore.content(r.generatedAt(), r.generatedBy(), r.checks());
		assertThat(ReportStore.sha256(content)).matches("[0-9a-f]{64}")
			.isEqualTo(ReportStore.sha256(ReportStore.content(r.generatedAt(), r.generatedBy(), r.checks())))
			.isNotEqualTo(ReportStore.sha256(ReportStore.content(r.generatedAt(), "someone else", r.checks())));
	}
}

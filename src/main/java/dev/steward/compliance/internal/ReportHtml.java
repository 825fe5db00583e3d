package dev.steward.compliance.internal;

import org.springframework.web.util.HtmlUtils;

import dev.steward.compliance.CheckResult;
import dev.steward.compliance.ComplianceReport;

/** A stored report as a printable, self-contained HTML page; every value from the report is escaped. */
final class ReportHtml {

	private static final String STYLE = """
			body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
			h1{font-size:1.5rem;margin:0 0 .25rem}.meta{color:#555;margin:0 0 1rem}code{font-size:12px;word-break:break-all}
			table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem .5rem;vertical-align:top;text-align:left}
			.PASS{color:#14632b}.WARN{color:#8a5a00}.FAIL{color:#a1161b}.NOT_AVAILABLE{color:#555}
			.status{font-weight:600;white-space:nowrap}ul{margin:0;padding-left:1.1rem}
			@media print{body{margin:0}a{display:none}}""";

	private ReportHtml() {
	}

	static String render(ComplianceReport report) {
		StringBuilder b = new StringBuilder(8192);
		b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Compliance report ")
			.append(e(report.generatedAt().toString())).append("</title><style>").append(STYLE)
			.append("</style></head><body><h1>Steward compliance report</h1><p class=\"meta\">Generated ")
			.append(e(report.generatedAt().toString())).append(" by ").append(e(report.generatedBy()));
		if (report.contentSha256() != null) {
			b.append("<br>Content SHA-256 <code>").append(e(report.contentSha256()))
				.append("</code> (recorded in the audit trail)");
		}
		ComplianceReport.ReportSummary s = report.summary();
		b.append("<br>").append(s.passed()).append(" pass, ").append(s.warned()).append(" warn, ").append(s.failed())
			.append(" fail, ").append(s.notAvailable()).append(" not available</p>");
		b.append("<table><thead><tr><th>Check</th><th>Status</th><th>Evidence</th><th>Fix</th></tr></thead><tbody>");
		for (CheckResult c : report.checks()) {
			b.append("<tr><td>").append(e(c.title())).append("</td><td class=\"status ").append(c.status().name())
				.append("\">").append(c.status().name().replace('_', ' ')).append("</td><td><ul>");
			c.evidence().forEach(line -> b.append("<li>").append(e(line)).append("</li>"));
			b.append("</ul></td><td>").append(e(c.fix())).append("</td></tr>");
		}
		return b.append("</tbody></table></body></html>").toString();
	}

	private static String e(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}
}

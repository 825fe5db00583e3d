package dev.steward.compliance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A run of the checks. A stored report has an id and the SHA-256 of its content (the JSON of
 * {@code generatedAt, generatedBy, checks}, as stored); a live run has neither.
 */
public record ComplianceReport(@Nullable UUID id, Instant generatedAt, String generatedBy, ReportSummary summary,
		List<CheckResult> checks, @Nullable String contentSha256) {

	public record ReportSummary(int passed, int warned, int failed, int notAvailable) {

		public static ReportSummary of(List<CheckResult> checks) {
			return new ReportSummary(count(checks, CheckStatus.PASS), count(checks, CheckStatus.WARN),
					count(checks, CheckStatus.FAIL), count(checks, CheckStatus.NOT_AVAILABLE));
		}

		private static int count(List<CheckResult> checks, CheckStatus status) {
			return (int) checks.stream().filter(c -> c.status() == status).count();
		}
	}

	/** A line of the history: no checks. */
	public record ReportEntry(UUID id, Instant generatedAt, String generatedBy, ReportSummary summary, String contentSha256) {
	}
}

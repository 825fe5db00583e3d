package dev.steward.compliance;

import java.time.Instant;
import java.util.UUID;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of the compliance module. */
public final class ComplianceEvents {

	private ComplianceEvents() {
	}

	/** A report was stored; its content's SHA-256 goes into the audit trail, so a later edit shows. */
	public record ReportCreated(Actor actor, UUID reportId, String contentSha256, int passed, int warned, int failed,
			Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "compliance.report", "compliance-report", reportId.toString(),
					AuditEntry.Outcome.SUCCESS, "Compliance report: " + passed + " pass, " + warned + " warn, "
							+ failed + " fail; content SHA-256 " + contentSha256);
		}
	}
}

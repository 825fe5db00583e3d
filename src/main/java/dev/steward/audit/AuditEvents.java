package dev.steward.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of the audit module about its own trail; recorded in the trail like any other. */
public final class AuditEvents {

	private AuditEvents() {
	}

	/** Records past the retention were moved into a sealed archive segment. */
	public record SegmentSealed(long firstSeq, long lastSeq, long rows, String fileName, String lastHash, Instant at)
			implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, Actor.system(), "audit.seal", "audit", fileName,
					AuditEntry.Outcome.SUCCESS, "Sealed records " + firstSeq + " to " + lastSeq + " (" + rows
							+ ") into " + fileName + "; last hash " + lastHash);
		}
	}

	/** The retention setting changed (days; null follows the property, 0 keeps everything). */
	public record RetentionChanged(Actor actor, @Nullable Integer before, @Nullable Integer after, Instant at)
			implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "audit.retention", "audit", null, AuditEntry.Outcome.SUCCESS,
					"Audit retention " + text(before) + " \u2192 " + text(after));
		}

		private static String text(@Nullable Integer days) {
			return days == null ? "(property default)" : days == 0 ? "off" : days + " days";
		}
	}

	/** Audit records of a time range were exported. */
	public record Exported(Actor actor, Instant from, Instant to, String format, Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "audit.export", "audit", null, AuditEntry.Outcome.SUCCESS,
					"Exported audit records from " + from + " to " + to + " as " + format);
		}
	}
}

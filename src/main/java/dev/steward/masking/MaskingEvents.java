package dev.steward.masking;

import java.time.Instant;
import java.util.UUID;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of data masking, each an audit record. */
public final class MaskingEvents {

	private MaskingEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, String type, String id, String detail) {
		return new AuditEntry(Instant.now(), actor, action, type, id, Outcome.SUCCESS, detail);
	}

	public record PolicyCreated(Actor actor, UUID policyId, String summary) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "masking.policy.create", "masking-policy", policyId.toString(), summary);
		}
	}

	public record PolicyUpdated(Actor actor, UUID policyId, String before, String after) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "masking.policy.update", "masking-policy", policyId.toString(),
					"before: " + before + "; after: " + after);
		}
	}

	public record PolicyDeleted(Actor actor, UUID policyId, String summary) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "masking.policy.delete", "masking-policy", policyId.toString(), summary);
		}
	}

	public record RoleSettingChanged(Actor actor, String role, boolean before, boolean after)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "masking.role.update", "role", role,
					"view unmasked: " + before + " -> " + after);
		}
	}

	public record PiiScanned(Actor actor, UUID connectionId, String database, int tables, int suggestions)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "masking.scan", "connection", connectionId.toString(), "PII scan of '" + database
					+ "': " + tables + " table(s) sampled, " + suggestions + " suggestion(s)");
		}
	}
}

package dev.steward.security;

import java.time.Instant;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts about the security settings and per-user limits; the audit module records them. */
public final class SecurityEvents {

	private SecurityEvents() {
	}

	/** One setting changed, with its value before and after (one record per setting keeps each within bounds). */
	public record SecuritySettingChanged(Actor actor, String setting, String before, String after, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "security.settings", "security-settings", setting, Outcome.SUCCESS,
					setting + ": " + before + " \u2192 " + after);
		}
	}

	/** An administrator set (or cleared, {@code null}) a user's limits. */
	public record UserLimitsChanged(Actor actor, String userId, String before, String after, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "user.limits", "user", userId, Outcome.SUCCESS,
					"limits: " + before + " \u2192 " + after);
		}
	}
}

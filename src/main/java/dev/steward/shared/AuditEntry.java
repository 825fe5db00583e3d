package dev.steward.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * What an audit record says. {@code detail} is a short human sentence and must never contain
 * a secret.
 *
 * @param action dotted verb such as {@code connection.create}, {@code auth.login}
 */
public record AuditEntry(Instant occurredAt, Actor actor, String action, String targetType,
		@Nullable String targetId, Outcome outcome, @Nullable String detail) {

	public AuditEntry {
		// micros: the precision both metadata stores keep, so the hash chain re-computes exactly
		occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
		if (detail != null && detail.length() > 500) {
			detail = detail.substring(0, 500);
		}
	}

	public static AuditEntry success(Actor actor, String action, String targetType, @Nullable String targetId,
			@Nullable String detail) {
		return new AuditEntry(Instant.now(), actor, action, targetType, targetId, Outcome.SUCCESS, detail);
	}

	public enum Outcome {
		SUCCESS, FAILURE, DENIED
	}
}

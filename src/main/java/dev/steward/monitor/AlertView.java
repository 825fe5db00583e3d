package dev.steward.monitor;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An alert: one rule's condition on one subject, from pending to resolved. The subject is a connection, or for the
 * storage-target checks a target ({@code connectionId} null, {@code connectionName} the target's name in words).
 */
public record AlertView(UUID id, UUID ruleId, String ruleName, @Nullable UUID connectionId, String connectionName,
		AlertState state, AlertLevel level, String metric, double threshold, @Nullable Double lastValue,
		String message, Instant pendingSince, @Nullable Instant firedAt, @Nullable Instant resolvedAt,
		@Nullable Instant lastNotifiedAt, int notifyCount, @Nullable Instant acknowledgedAt,
		@Nullable String acknowledgedBy, @Nullable String ackComment, @Nullable Instant silencedUntil,
		@Nullable String silencedBy) {

	public boolean acknowledged() {
		return acknowledgedAt != null;
	}
}

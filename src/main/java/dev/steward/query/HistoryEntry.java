package dev.steward.query;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One execution in the caller's history. */
public record HistoryEntry(UUID id, UUID connectionId, String connectionName, @Nullable String database,
		String statement, ExecutionStatus status, int statements, long rowsAffected, long rowsReturned,
		@Nullable String error, Instant startedAt, long durationMillis) {
}

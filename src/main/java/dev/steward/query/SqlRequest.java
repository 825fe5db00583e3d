package dev.steward.query;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What to run: one statement or a script; on the console session {@code sessionId} (from an earlier answer) or a
 * new one. A script stops at its first failing statement unless {@code continueOnError} is true.
 */
public record SqlRequest(@Nullable String sql, @Nullable String database, @Nullable UUID sessionId,
		@Nullable Boolean continueOnError) {
}

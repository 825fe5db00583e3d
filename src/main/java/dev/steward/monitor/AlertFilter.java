package dev.steward.monitor;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What an alert list asks for; null fields match everything. */
public record AlertFilter(@Nullable List<AlertState> states, @Nullable AlertLevel level, @Nullable UUID connectionId,
		@Nullable Boolean acknowledged) {
}

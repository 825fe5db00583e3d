package dev.steward.monitor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PerformanceModel.PerformanceFeatures;
import dev.steward.engine.PerformanceModel.StatementSource;
import dev.steward.engine.PerformanceModel.StatementStat;
import dev.steward.engine.PerformanceModel.StatementsUnavailable;

/**
 * The most expensive statements of a connection: the top {@code limit} by total time and the top {@code limit} by
 * mean time, each statement once, ordered by total time.
 *
 * @param literalsMasked the caller may not see query texts (a VIEWER), so their literals were replaced by {@code ?}
 * @param unavailable    why the engine's statement statistics were not used, with the hint to switch them on;
 *                       the list is then a sample of the statements running now
 */
public record TopQueriesView(UUID connectionId, StatementSource source, boolean literalsMasked, int limit,
		List<StatementStat> statements, @Nullable OffsetDateTime statsSince,
		@Nullable StatementsUnavailable unavailable, PerformanceFeatures features) {
}

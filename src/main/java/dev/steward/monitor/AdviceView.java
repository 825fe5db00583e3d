package dev.steward.monitor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PerformanceModel.AdviceFinding;
import dev.steward.engine.PerformanceModel.PerformanceFeatures;
import dev.steward.engine.PerformanceModel.SkippedCheck;

/**
 * Performance advice for a connection's database, most severe first.
 *
 * @param skipped    checks that could not run and why
 * @param truncated  more findings exist than were returned
 * @param statsSince since when the usage counters behind "unused" findings count, where the engine says
 */
public record AdviceView(UUID connectionId, List<AdviceFinding> findings, List<SkippedCheck> skipped,
		boolean truncated, @Nullable OffsetDateTime statsSince, PerformanceFeatures features) {
}

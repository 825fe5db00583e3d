package dev.steward.job;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;

/**
 * A job to start.
 *
 * @param exclusiveKey   at most one job per key runs at a time on an instance (e.g. "one backup per connection");
 *                       null for none
 * @param stallTimeout   a {@link JobPhase#stallWatched() watched} phase silent this long fails as STALLED
 * @param overallTimeout a job running longer fails as TIMED_OUT
 */
public record JobRequest(JobKind kind, @Nullable UUID connectionId, @Nullable UUID subjectId, Actor actor,
		@Nullable UUID startedById, String startedBy, @Nullable String exclusiveKey, Duration stallTimeout,
		Duration overallTimeout) {
}

package dev.steward.job;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Filters for listing jobs; null fields match everything. */
public record JobQuery(@Nullable JobKind kind, @Nullable JobStatus status, @Nullable UUID connectionId,
		@Nullable UUID subjectId) {
}

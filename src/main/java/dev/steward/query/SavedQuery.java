package dev.steward.query;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A saved query as the caller sees it.
 *
 * @param editable whether the caller may change or delete it (its owner, or an ADMIN)
 * @param chart the chart its result is shown as, or null for the grid
 */
public record SavedQuery(UUID id, String name, @Nullable String description, UUID connectionId,
		@Nullable String database, String sql, SavedQueryVisibility visibility, UUID ownerId, String ownerName,
		boolean editable, Instant createdAt, Instant updatedAt, @Nullable SavedQueryChart chart) {
}

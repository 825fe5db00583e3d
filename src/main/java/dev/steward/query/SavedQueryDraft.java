package dev.steward.query;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A saved query to create or the whole of one to replace. Checked by hand after the caller's rights (see
 * {@link SavedQueries}), so a caller who may not change a query learns nothing from its validation.
 *
 * @param chart the chart to show the result as, or null for none
 */
public record SavedQueryDraft(@Nullable String name, @Nullable String description, @Nullable UUID connectionId,
		@Nullable String database, @Nullable String sql, @Nullable SavedQueryVisibility visibility,
		@Nullable SavedQueryChart chart) {
}

package dev.steward.masking;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A masking policy. Explicit when {@code table} and {@code column} are set (and then {@code connectionId} too);
 * a rule otherwise: {@code namePattern} (a case-insensitive regular expression found in the column name) and
 * optionally {@code typePattern} (a text found in the column's type), on one connection or, without one, on all.
 */
public record MaskingPolicy(UUID id, String name, @Nullable UUID connectionId, @Nullable String database,
		@Nullable String schema, @Nullable String table, @Nullable String column, @Nullable String namePattern,
		@Nullable String typePattern, MaskKind mask, int keepFirst, int keepLast, Instant createdAt,
		String createdBy) {

	public boolean explicit() {
		return column != null;
	}
}

package dev.steward.masking;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What an ADMIN sends to create or replace a policy; see {@link MaskingPolicy} for the fields. */
public record PolicyDraft(@Nullable String name, @Nullable UUID connectionId, @Nullable String database,
		@Nullable String schema, @Nullable String table, @Nullable String column, @Nullable String namePattern,
		@Nullable String typePattern, @Nullable String mask, @Nullable Integer keepFirst, @Nullable Integer keepLast) {
}

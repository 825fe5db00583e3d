package dev.steward.query;

import org.jspecify.annotations.Nullable;

/**
 * What to export: one statement's whole result.
 *
 * @param format {@code csv} (default), {@code json}, {@code ndjson}, {@code sql} or {@code xlsx}
 * @param table  the table name the {@code sql} format's {@code INSERT}s name ({@code exported} unless given)
 */
public record ExportRequest(@Nullable String sql, @Nullable String database, @Nullable String format,
		@Nullable String table) {
}

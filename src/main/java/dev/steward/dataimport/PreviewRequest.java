package dev.steward.dataimport;

import org.jspecify.annotations.Nullable;

/**
 * What to preview an upload as: with {@code options} null they are detected; with a table, its columns and a
 * suggested mapping come back.
 */
public record PreviewRequest(@Nullable String database, @Nullable String schema, @Nullable String table,
		@Nullable CsvOptions options) {
}

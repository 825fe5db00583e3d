package dev.steward.dataimport;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An import to start.
 *
 * @param kind     CSV into {@code database.schema.table}, or an SQL script run in {@code database}
 * @param csv      how the CSV file reads (CSV only)
 * @param mapping  per file column (in file order), the table column it goes into, or null to skip it (CSV only)
 * @param encoding the script's charset (SQL only; default UTF-8)
 */
public record ImportRequest(@Nullable ImportKind kind, @Nullable UUID uploadId, @Nullable String database,
		@Nullable String schema, @Nullable String table, @Nullable CsvOptions csv, @Nullable List<@Nullable String> mapping,
		@Nullable String encoding) {
}

package dev.steward.dataimport;

import org.jspecify.annotations.Nullable;

/**
 * What an import did (stored with its job, also when it failed).
 *
 * @param target     {@code database.schema.table} for CSV, the database for a script
 * @param rows       rows inserted (CSV; 0 after a failure, since nothing stays)
 * @param statements statements run (SQL)
 * @param committed  whether its changes stayed
 * @param line       the file's line the failure is at, when there was one
 * @param column     the column the failure names, when known
 * @param error      the failure, in the engine's words where it had them
 */
public record ImportResult(ImportKind kind, String target, long rows, long statements, boolean committed,
		@Nullable Long line, @Nullable String column, @Nullable String error) {
}

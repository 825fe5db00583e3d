package dev.steward.engine;

import java.util.List;

/**
 * What a finished dump says about itself, for the backup manifest.
 *
 * @param format  artefact format, e.g. {@code pg_dump custom}, {@code mariadb-dump sql}, {@code sqlite file},
 *                {@code steward mongo archive v1}
 * @param tables  per-table row counts (exact where cheap, else the engine's estimate)
 * @param consistency whether the dump is one snapshot or a logical, not point-in-time, read
 */
public record DumpResult(String serverVersion, String tool, String toolVersion, String format,
		List<TableRows> tables, DumpConsistency consistency) {

	public DumpResult {
		tables = List.copyOf(tables);
	}
}

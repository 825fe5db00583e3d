package dev.steward.export;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What to export.
 *
 * @param kind     {@code SCHEMA} (definitions, optionally with rows) or {@code DATA} (rows of tables as files)
 * @param database the database (default: the connection's own)
 * @param schema   the schema (engines with schemas; default {@code public} on PostgreSQL)
 * @param tables   a subset of the schema's tables; empty for all (SCHEMA) — DATA needs at least one
 * @param options  what a SCHEMA export includes
 * @param format   DATA: csv, json, ndjson, sql or xlsx (several tables: a zip of one file each)
 */
public record ExportJobRequest(@Nullable String kind, @Nullable String database, @Nullable String schema,
		@Nullable List<String> tables, @Nullable SchemaOptions options, @Nullable String format) {

	/**
	 * Switches of a schema export; null means the default (everything on, no drops, no transaction, no data).
	 *
	 * @param data NONE, INSERTS or COPY (PostgreSQL only)
	 */
	public record SchemaOptions(@Nullable Boolean views, @Nullable Boolean routines, @Nullable Boolean triggers,
			@Nullable Boolean indexes, @Nullable Boolean sequences, @Nullable Boolean types, @Nullable Boolean events,
			@Nullable Boolean dropIfExists, @Nullable Boolean transaction, @Nullable String data) {
	}
}

package dev.steward.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Writes the definitions of one database (or schema) as a script, with the engine's own tools where it has them
 * ({@code pg_dump} / {@code pg_restore}, {@code mariadb-dump}), from {@code sqlite_master} for SQLite, or as JSON
 * index and validator definitions for MongoDB. Names in the options were checked against the catalog by the caller;
 * this still passes them only as single arguments or quoted identifiers, never through a shell.
 */
public interface SchemaExportCapability extends EngineCapability {

	/** The object kinds this engine can include or leave out; a kind not listed here is refused. */
	Set<SchemaExport.ObjectKind> objectKinds();

	/** The data modes this engine can add to the definitions ({@link SchemaExport.DataMode#NONE} always). */
	Set<SchemaExport.DataMode> dataModes();

	/** File name extension of the script ({@code sql}, {@code json}). */
	String extension();

	/**
	 * Streams the script to {@code out} (not closed here), reporting objects done of a total through
	 * {@code progress}. Cancellation comes through {@code control}: child processes are killed.
	 */
	SchemaExport.Result export(ConnectionSpec spec, SchemaExport.Options options, OutputStream out,
			ToolControl control, SchemaExport.Progress progress) throws IOException;
}

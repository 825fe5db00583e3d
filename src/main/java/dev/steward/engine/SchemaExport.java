package dev.steward.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What {@link SchemaExportCapability} takes and answers. */
public final class SchemaExport {

	private SchemaExport() {
	}

	/** Kinds of objects that can be toggled; tables (with their keys and constraints) are always included. */
	public enum ObjectKind {
		VIEWS, ROUTINES, TRIGGERS, INDEXES, SEQUENCES, TYPES, EVENTS
	}

	/** Whether and how table rows follow the definitions. */
	public enum DataMode {
		NONE, INSERTS, COPY
	}

	/**
	 * @param database     the database to export (already checked to be one the connection may use)
	 * @param schema       the schema within it; null for engines without schemas
	 * @param tables       a subset of the schema's tables (names as the catalog spells them); empty for all
	 * @param include      the object kinds to include
	 * @param dropIfExists precede each object with {@code DROP … IF EXISTS}
	 * @param transaction  wrap the script in one transaction
	 * @param workDir      a private directory for temporary files (the archive, 0600 option files)
	 */
	public record Options(String database, @Nullable String schema, List<String> tables, Set<ObjectKind> include,
			boolean dropIfExists, boolean transaction, DataMode data, Path workDir) {

		public Options {
			tables = List.copyOf(tables);
			include = Set.copyOf(include);
		}

		public boolean includes(ObjectKind kind) {
			return include.contains(kind);
		}

		/** Whether {@code table} is part of the export (every table when no subset was chosen). */
		public boolean selected(String table) {
			return tables.isEmpty() || tables.contains(table);
		}
	}

	/** Objects done of a total; the total may grow once the engine knows it. */
	public interface Progress {

		/** Before the objects can be counted: bytes a tool has written so far (e.g. pg_dump's archive). */
		default void preparing(long bytes) {
		}

		void total(long objects);

		void done(long objects);
	}

	/** What was written: how many objects, and the tool that wrote it. */
	public record Result(long objects, String tool) {
	}
}

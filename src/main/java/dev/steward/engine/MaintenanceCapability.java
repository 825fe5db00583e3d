package dev.steward.engine;

import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Maintenance statements (vacuum, statistics, reindex, checks) on a target, one table at a time so that a caller
 * can report progress and stop between tables, and cancel the running statement at the server through
 * {@link Control#running}.
 */
public interface MaintenanceCapability extends EngineCapability {

	/** What this engine offers, in the order the UI shows it. */
	List<Offer> operations();

	/** @param perTable false when the operation always covers the whole database (SQLite VACUUM) */
	record Offer(MaintenanceOperation operation, boolean perTable) {
	}

	/** A table: schema null where the engine has none (SQLite) or for the connection's own database (MySQL). */
	record Table(@Nullable String schema, String name) {

		public String display() {
			return schema == null ? name : schema + "." + name;
		}
	}

	/**
	 * The named tables as the catalog has them (every one must exist, else {@link TableUnknown}); all tables of
	 * the connection's database when {@code requested} is empty, at most {@code limit}.
	 */
	List<Table> tables(TargetPool pool, ConnectionSpec spec, List<Table> requested, Duration timeout, int limit);

	/**
	 * Runs {@code operation} on {@code table} (null: the whole database, for operations that are not per table).
	 * Blocks until done; the statement has no time bound of its own (the job's timeout bounds it).
	 *
	 * @return the server's messages worth showing (MySQL CHECK findings, SQLite integrity problems); empty if none
	 */
	List<String> run(TargetPool pool, ConnectionSpec spec, MaintenanceOperation operation, @Nullable Table table,
			Control control) throws java.sql.SQLException;

	/** The caller's handle on a running operation. */
	interface Control {

		/** The statement now running, so an abort can cancel it at the server. */
		void running(@Nullable Statement statement);

		/** How far the current table is, 0..1, when the engine reports it. */
		void fraction(double done);
	}

	/** A named table that the catalog does not have. */
	final class TableUnknown extends RuntimeException {

		private final String table;

		public TableUnknown(String table) {
			super("No table " + table);
			this.table = table;
		}

		public String table() {
			return table;
		}
	}
}

package dev.steward.query;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of the SQL console. */
public final class QueryEvents {

	private QueryEvents() {
	}

	/**
	 * An execution (statement or script) ended.
	 *
	 * @param statement the text, already truncated to {@code steward.query.audit-statement-length}
	 */
	public record SqlExecuted(Actor actor, UUID executionId, UUID connectionId, String connectionName,
			@Nullable String database, String statement, ExecutionStatus status, int statements, long rowsAffected,
			boolean readOnly, @Nullable String error, Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String detail = status + " on '" + connectionName + "'" + (database == null ? "" : " / " + database)
					+ (readOnly ? " (read-only)" : "") + ", " + statements + " statement(s), " + rowsAffected
					+ " row(s) affected" + (error == null ? "" : ", error: " + abbreviate(error, 120)) + ": "
					+ statement;
			return new AuditEntry(at, actor, "sql.execute", "connection", connectionId.toString(),
					status == ExecutionStatus.COMPLETED ? Outcome.SUCCESS : Outcome.FAILURE, detail);
		}

		static String abbreviate(String s, int max) {
			return s.length() <= max ? s : s.substring(0, max) + "…";
		}
	}

	private static AuditEntry saved(Actor actor, String action, UUID id, String detail) {
		return new AuditEntry(Instant.now(), actor, action, "sql-saved-query", id.toString(), Outcome.SUCCESS, detail);
	}

	public record SavedQueryCreated(Actor actor, UUID queryId, String name, UUID connectionId,
			SavedQueryVisibility visibility) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return saved(actor, "sql.saved.create", queryId, visibility + " query '" + name + "' on connection "
					+ connectionId);
		}
	}

	public record SavedQueryUpdated(Actor actor, UUID queryId, String name, UUID connectionId,
			SavedQueryVisibility visibility) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return saved(actor, "sql.saved.update", queryId, visibility + " query '" + name + "' on connection "
					+ connectionId);
		}
	}

	public record SavedQueryDeleted(Actor actor, UUID queryId, String name, String owner) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return saved(actor, "sql.saved.delete", queryId, "query '" + name + "' of " + owner);
		}
	}

	/**
	 * A result was exported (or the export failed).
	 *
	 * @param statement the text, already truncated to {@code steward.query.audit-statement-length}
	 */
	public record SqlExported(Actor actor, UUID connectionId, String connectionName, @Nullable String database,
			String statement, String format, long rows, boolean readOnly, @Nullable String error, Instant at)
			implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String detail = (error == null ? rows + " row(s)" : "failed after " + rows + " row(s): "
					+ SqlExecuted.abbreviate(error, 120)) + " as " + format + " from '" + connectionName + "'"
					+ (database == null ? "" : " / " + database) + (readOnly ? " (read-only)" : "") + ": " + statement;
			return new AuditEntry(at, actor, "sql.export", "connection", connectionId.toString(),
					error == null ? Outcome.SUCCESS : Outcome.FAILURE, detail);
		}
	}

	/** A statement was explained (with {@code analyze}: run, then rolled back), or explaining it failed. */
	public record SqlExplained(Actor actor, UUID connectionId, String connectionName, @Nullable String database,
			String statement, boolean analyze, boolean readOnly, @Nullable String error, Instant at)
			implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String detail = (analyze ? "EXPLAIN ANALYZE" : "EXPLAIN") + " on '" + connectionName + "'"
					+ (database == null ? "" : " / " + database) + (readOnly ? " (read-only)" : "")
					+ (error == null ? "" : ", error: " + SqlExecuted.abbreviate(error, 120)) + ": " + statement;
			return new AuditEntry(at, actor, "sql.explain", "connection", connectionId.toString(),
					error == null ? Outcome.SUCCESS : Outcome.FAILURE, detail);
		}
	}
}

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

		private static String abbreviate(String s, int max) {
			return s.length() <= max ? s : s.substring(0, max) + "…";
		}
	}
}

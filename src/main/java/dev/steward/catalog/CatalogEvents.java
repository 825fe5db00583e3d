package dev.steward.catalog;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts about the catalog; names and numbers only. */
public final class CatalogEvents {

	static final String TARGET = "connection";

	private CatalogEvents() {
	}

	/** A snapshot of a connection's catalog was taken (or failed: {@code failure} says why). */
	public record CatalogSynced(Actor actor, UUID connectionId, String connectionName, int objects, int columns,
			int added, int dropped, int changed, long durationMillis, @Nullable String failure, Instant at)
			implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String detail = failure != null ? "Catalog sync of '" + connectionName + "' failed: " + failure
					: "Synced catalog of '" + connectionName + "': " + objects + " objects, " + columns + " columns; +"
							+ added + " -" + dropped + " ~" + changed + " in " + durationMillis + " ms";
			return new AuditEntry(at, actor, "catalog.sync", TARGET, connectionId.toString(),
					failure == null ? Outcome.SUCCESS : Outcome.FAILURE, detail);
		}
	}

	/** An exact row count ran against a target (read-only, but it can be expensive, so it is on record). */
	public record ExactCountRun(Actor actor, UUID connectionId, String object, @Nullable Long count,
			long elapsedMillis, @Nullable String failure, Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String detail = failure != null ? "Exact count of " + object + " failed: " + failure
					: "Counted " + count + " rows in " + object + " (" + elapsedMillis + " ms)";
			return new AuditEntry(at, actor, "catalog.count", TARGET, connectionId.toString(),
					failure == null ? Outcome.SUCCESS : Outcome.FAILURE, detail);
		}
	}

	/**
	 * Rows of a table were changed through the data grid (or the attempt failed: {@code failure} says why and
	 * nothing was written).
	 */
	public record DataChanged(Actor actor, UUID connectionId, String object, int updated, int inserted, int deleted,
			@Nullable String failure, Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String detail = failure != null ? "Changing rows of " + object + " failed: " + failure
					: "Changed rows of " + object + ": " + updated + " updated, " + inserted + " inserted, " + deleted
							+ " deleted";
			return new AuditEntry(at, actor, "data.change", TARGET, connectionId.toString(),
					failure == null ? Outcome.SUCCESS : Outcome.FAILURE, detail);
		}
	}
}

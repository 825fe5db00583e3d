package dev.steward.dataimport;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** What imports publish; all audited. */
public final class ImportEvents {

	static final String TARGET = "connection";

	private ImportEvents() {
	}

	public record FileUploaded(Actor actor, UUID connectionId, UUID uploadId, String name, long size, Instant at)
			implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "import.upload", TARGET, connectionId.toString(), Outcome.SUCCESS,
					"Uploaded " + name + " (" + size + " bytes) for an import");
		}
	}

	public record ImportStarted(Actor actor, UUID connectionId, UUID jobId, ImportKind kind, String target,
			String file, Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "import.start", TARGET, connectionId.toString(), Outcome.SUCCESS,
					"Started importing " + file + " (" + kind + ") into " + target);
		}
	}

	public record ImportFinished(Actor actor, UUID connectionId, UUID jobId, ImportKind kind, String target,
			long rows, long statements, @Nullable String failure, Instant at) implements AuditableEvent {

		@Override
		public AuditEntry audit() {
			String done = kind == ImportKind.CSV ? rows + " rows" : statements + " statements";
			return new AuditEntry(at, actor, "import.finish", TARGET, connectionId.toString(),
					failure == null ? Outcome.SUCCESS : Outcome.FAILURE,
					failure == null ? "Imported " + done + " into " + target
							: "Importing into " + target + " failed: " + failure);
		}
	}
}

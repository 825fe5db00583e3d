package dev.steward.export;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of exports, each audited. */
public final class ExportEvents {

	private ExportEvents() {
	}

	public record ExportStarted(Actor actor, UUID jobId, UUID connectionId, String connectionName, ExportKind kind,
			String detail) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), actor, "export.start", "connection", connectionId.toString(),
					Outcome.SUCCESS, kind + " export (job " + jobId + ") of '" + connectionName + "': " + detail);
		}
	}

	/** The job ended: a file of {@code bytes} bytes, or {@code error}. */
	public record ExportFinished(Actor actor, UUID jobId, UUID connectionId, ExportKind kind, long bytes,
			@Nullable String error) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), actor, "export.finish", "job", jobId.toString(),
					error == null ? Outcome.SUCCESS : Outcome.FAILURE, kind + " export of connection " + connectionId
							+ (error == null ? ": " + bytes + " bytes" : " failed: " + error));
		}
	}

	public record ExportDownloaded(Actor actor, UUID jobId, String fileName, long bytes) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), actor, "export.download", "job", jobId.toString(), Outcome.SUCCESS,
					fileName + " (" + bytes + " bytes)");
		}
	}
}

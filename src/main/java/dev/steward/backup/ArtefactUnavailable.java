package dev.steward.backup;

import java.util.UUID;

/** A completed backup's artefact cannot be opened in its storage target: gone, or the storage refuses to read it. */
public class ArtefactUnavailable extends RuntimeException implements dev.steward.job.ReasonCoded {

	public enum Reason {
		/** The store has no such file or object. */
		MISSING,
		/** The store exists but would not hand out the bytes (permissions, S3 unreachable). */
		UNREADABLE
	}

	private final Reason reason;

	public ArtefactUnavailable(UUID backupId, String storage, Reason reason, String what) {
		super("The artefact of backup " + backupId + (reason == Reason.MISSING ? " is missing from storage "
				: " cannot be read from storage ") + storage + ": " + what);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	@Override
	public dev.steward.job.ReasonCode reasonCode() {
		return dev.steward.job.ReasonCode.STORAGE_UNAVAILABLE;
	}
}

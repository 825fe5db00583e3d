package dev.steward.job;

/**
 * Why a job did not complete. Produced by typed exceptions ({@link ReasonCoded}) and by the executor's own
 * aborts (cancel, watchdog, shutdown, lease expiry); never by reading message text.
 */
public enum ReasonCode {
	/** The target database could not be reached in time. */
	TARGET_UNREACHABLE,
	/** The backup storage (or a work directory) ran out of space. */
	DISK_FULL,
	/** The stored bytes do not match the manifest's checksum. */
	CHECKSUM_MISMATCH,
	/** The stored bytes cannot be decrypted or decompressed: damaged or truncated. */
	DAMAGED,
	/** Steward does not hold the key the backup was encrypted with, or its key does not open it. */
	WRONG_KEY,
	/** The engine's tool cannot read the archive, or it holds nothing to restore. */
	INVALID_ARCHIVE,
	/** The storage would not hand out or take the bytes (missing artefact, permissions, S3 unreachable). */
	STORAGE_UNAVAILABLE,
	/** A needed native tool is missing or too old. */
	TOOL_UNAVAILABLE,
	/** The native tool or the target reported an error. */
	TOOL_FAILED,
	/** A file Steward may not touch, or another rule refused the work; nothing was changed. */
	REFUSED,
	/** A check found a difference: a test restore's row counts do not match the manifest. */
	MISMATCH,
	/** A watched phase made no progress for the stall timeout. */
	STALLED,
	/** The job ran longer than its overall timeout. */
	TIMED_OUT,
	CANCELLED_BY_USER,
	/** Its instance stopped (restart, crash, or a lease that expired) while the job was queued or running. */
	INTERRUPTED,
	/** Anything else: a defect; the message says what. */
	INTERNAL
}

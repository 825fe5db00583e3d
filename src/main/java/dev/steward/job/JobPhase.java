package dev.steward.job;

/**
 * What a running job is doing now. The web app labels phases from this enum (generated types); a phase that
 * is {@link #stallWatched()} fails as {@link ReasonCode#STALLED} when its progress stops moving for the job's
 * stall timeout (phases whose tool gives no measurable progress are bounded by the overall timeout only).
 */
public enum JobPhase {
	QUEUED(false),
	/** A native dump streaming into compression, encryption and storage. */
	DUMPING(true),
	/** Sealing the artefact: last chunk, checksum, manifest. */
	STORING(false),
	/** Reading the backup end to end: checksum, decryption, decompression and the engine's listing. */
	CHECKING(false),
	/** Copying the checked dump into a private file for a parallel restore. */
	STAGING(false),
	CREATING_DATABASE(false),
	RESTORING(false),
	/** Loading an uploaded file (CSV rows or an SQL script) into a database. */
	IMPORTING(false),
	/** Counting the restored rows. */
	COUNTING(false),
	/** Maintenance statements (vacuum, analyze, reindex, checks) running on the target. */
	MAINTAINING(false),
	/** Writing a schema or data export file. */
	EXPORTING(true),
	/** Undoing a failed or cancelled job's partial work. */
	CLEANING_UP(false),
	DONE(false);

	private final boolean stallWatched;

	JobPhase(boolean stallWatched) {
		this.stallWatched = stallWatched;
	}

	public boolean stallWatched() {
		return stallWatched;
	}
}

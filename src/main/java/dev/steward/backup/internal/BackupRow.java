package dev.steward.backup.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupTrigger;
import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;
import dev.steward.engine.EngineKind;
import dev.steward.job.JobFailure;

/** One row of the {@code backups} table, typed. {@code database}: which database of the server it holds. */
public record BackupRow(UUID id, UUID connectionId, String connectionName, EngineKind engine, BackupTrigger trigger,
		DumpKind kind, Artefact artefact, BackupStatus status, @Nullable UUID jobId, @Nullable UUID startedBy,
		String startedByName, OffsetDateTime createdAt, @Nullable OffsetDateTime startedAt,
		@Nullable OffsetDateTime finishedAt, Outcome outcome, @Nullable JobFailure failure, @Nullable String database) {

	/** Where and how the bytes are stored. */
	public record Artefact(String fileName, String objectName, String storageTarget, Compression compression,
			int compressionLevel, boolean encrypted, @Nullable String keyId) {

		public String manifestName() {
			return objectName + ".manifest.json";
		}
	}

	/** What a run produced: sizes so far, and for a completed one its checksum and manifest. */
	public record Outcome(@Nullable Long rawSize, @Nullable Long storedSize, @Nullable String checksum,
			@Nullable String manifest) {

		public static final Outcome NONE = new Outcome(null, null, null, null);
	}

	public BackupRow withJob(UUID job) {
		return new BackupRow(id, connectionId, connectionName, engine, trigger, kind, artefact, status, job, startedBy,
				startedByName, createdAt, startedAt, finishedAt, outcome, failure, database);
	}
}

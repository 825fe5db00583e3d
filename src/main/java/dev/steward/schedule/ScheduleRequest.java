package dev.steward.schedule;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;

/**
 * A schedule to create or replace; null fields take the defaults (full, zstd at its default level, encrypted,
 * target {@code local}, no retention, enabled, no verification). {@code testRestoreCron}: a cron expression (5 or
 * 6/7 fields, the schedule's zone) on which the newest backup is test-restored into a scratch database, on the
 * server of {@code testRestoreConnectionId} (same engine, and the caller may write into it) or, when null, of the
 * schedule's own connection. {@code databaseMode} (null: DEFAULT) and {@code databases} (the names, for LIST) say
 * which databases of the server each fire backs up.
 */
public record ScheduleRequest(String name, UUID connectionId, @Nullable DumpKind kind,
		@Nullable Compression compression, @Nullable Integer compressionLevel, @Nullable Boolean encrypted,
		@Nullable List<String> targets, @Nullable Retention retention, String timeZone, @Nullable Boolean enabled,
		Timing timing, @Nullable Boolean verifyAfter,
		@Nullable String testRestoreCron, @Nullable UUID testRestoreConnectionId,
		@Nullable DatabaseMode databaseMode, @Nullable List<String> databases) {

	/** A request backing up the connection's own database. */
	public ScheduleRequest(String name, UUID connectionId, @Nullable DumpKind kind, @Nullable Compression compression,
			@Nullable Integer compressionLevel, @Nullable Boolean encrypted, @Nullable List<String> targets,
			@Nullable Retention retention, String timeZone, @Nullable Boolean enabled, Timing timing,
			@Nullable Boolean verifyAfter, @Nullable String testRestoreCron, @Nullable UUID testRestoreConnectionId) {
		this(name, connectionId, kind, compression, compressionLevel, encrypted, targets, retention, timeZone, enabled,
				timing, verifyAfter, testRestoreCron, testRestoreConnectionId, null, null);
	}
}

package dev.steward.backup.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.BackupManifest;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpOptions;
import dev.steward.shared.Actor;

/**
 * Everything one backup run needs, decided when it was started.
 *
 * @param stores the targets that each get a copy (the first is the backup's primary target)
 * @param stored counts the bytes handed to the stores, for the backup's own progress stream
 */
public record DumpRun(BackupRow row, ConnectionSpec spec, DumpCapability dump, DumpOptions options,
		java.util.List<BackupStore> stores, @Nullable BackupKey key, Actor actor,
		java.util.concurrent.atomic.AtomicReference<java.util.function.LongSupplier> stored) {

	/** The manifest stored beside a completed artefact. */
	BackupManifest manifest(dev.steward.engine.DumpResult result, long raw, long storedBytes, String sha,
			Instant started, Instant finished) {
		return new BackupManifest(1, row.id().toString(), row.connectionId().toString(), row.engine().name(),
				result.serverVersion(), result.tool(), result.toolVersion(), result.format(), result.consistency(),
				row.kind().name(), row.artefact().compression().name(), row.artefact().compressionLevel(), key != null,
				key == null ? null : "AES-256-GCM, 1 MiB chunks, HKDF-SHA256 per-backup key (steward-backup-v1)",
				key == null ? null : key.id(), raw, storedBytes, sha, started, finished,
				Duration.between(started, finished).toMillis(), result.tables());
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static java.time.OffsetDateTime utc(Instant i) {
		return i.atOffset(ZoneOffset.UTC);
	}
}

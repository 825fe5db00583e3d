package dev.steward.backup;

import java.util.UUID;

/** A live snapshot of a run for the progress stream. */
public record BackupProgress(UUID id, String phase, long bytesRead, long bytesStored, BackupStatus status) {
}

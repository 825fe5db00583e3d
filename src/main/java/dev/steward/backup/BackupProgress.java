package dev.steward.backup;

import java.util.UUID;

/**
 * A live snapshot of a run for the backup's own progress stream ({@code phase}: the job's phase in lower case).
 * The typed stream is the run's job: {@code GET /api/jobs/{jobId}/events}.
 */
public record BackupProgress(UUID id, String phase, long bytesRead, long bytesStored, BackupStatus status, UUID jobId) {
}

package dev.steward.backup;

import java.util.List;
import java.util.UUID;

import dev.steward.engine.TableRows;

/** Outcome of a completed restore job ({@code GET /api/backups/{id}/restores/{jobId}}). */
public record RestoreResult(UUID backupId, UUID targetConnectionId, String database, boolean newDatabase,
		long durationMillis, List<TableRows> tables) {
}

package dev.steward.backup.internal;

import java.util.UUID;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.RestoreCapability;
import dev.steward.shared.Actor;

/** A restore checked and ready to run: what, where, how. */
public record RestorePlan(BackupRow row, UUID targetId, ConnectionSpec target, boolean fileBased,
		RestoreCapability restore, String database, boolean newDatabase, boolean clean, int jobs, Actor actor) {
}

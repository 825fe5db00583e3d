package dev.steward.backup;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where to restore. {@code database} defaults to the target connection's own database (SQLite: its file
 * name); {@code newDatabase} creates it first (SQLite: a new file beside the connection's). {@code confirm}
 * must repeat the target database's name.
 */
public record RestoreRequest(UUID targetConnectionId, @Nullable String database, boolean newDatabase, boolean clean,
		@Nullable Integer jobs, String confirm) {
}

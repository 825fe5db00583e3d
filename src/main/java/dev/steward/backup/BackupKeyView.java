package dev.steward.backup;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A backup encryption key as administrators see it: its id, when it was created, whether new backups use it,
 * and whether it comes from {@code STEWARD_BACKUP_KEY}. Never the key material.
 */
public record BackupKeyView(String id, @Nullable Instant createdAt, boolean active, boolean fromEnvironment) {
}

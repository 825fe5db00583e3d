/**
 * Point-in-time recovery: physical base backups and continuous WAL archiving of a server through the backup
 * pipeline, its recoverable window, restore points, and restores to a moment into new restored server instances
 * registered as connections.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "backup", "connection", "engine", "job", "security", "shared" })
package dev.steward.recovery;

import org.jspecify.annotations.NullMarked;

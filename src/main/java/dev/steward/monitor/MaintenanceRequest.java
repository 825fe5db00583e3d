package dev.steward.monitor;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.MaintenanceOperation;

/**
 * Maintenance to run: an operation the engine offers and the tables (none: every table of the database).
 *
 * @param tables each with a schema (PostgreSQL; default {@code public}) or without (MySQL: the connection's
 *               database; SQLite)
 */
public record MaintenanceRequest(@Nullable MaintenanceOperation operation, @Nullable List<TableName> tables) {

	public record TableName(@Nullable String schema, @Nullable String name) {
	}
}

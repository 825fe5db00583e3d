package dev.steward.monitor;

import dev.steward.engine.MaintenanceOperation;

/** An operation the connection's engine offers; {@code perTable} false: it always covers the whole database. */
public record MaintenanceOffer(MaintenanceOperation operation, boolean perTable) {
}

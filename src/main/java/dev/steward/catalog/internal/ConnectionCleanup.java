package dev.steward.catalog.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.connection.ConnectionEvents.ConnectionActiveChanged;
import dev.steward.connection.ConnectionEvents.ConnectionDeleted;
import dev.steward.connection.ConnectionEvents.ConnectionUpdated;

/**
 * Keeps the catalog's own state in step with the registry: a deleted connection leaves no snapshot behind (its
 * names and columns would otherwise linger in Steward's store), and an edited, switched-off or deleted one has its
 * cached database list forgotten (the registry closes its pools).
 */
@Component
class ConnectionCleanup {

	private static final Logger log = LoggerFactory.getLogger(ConnectionCleanup.class);

	private final SnapshotStore store;

	private final CatalogTargets targets;

	ConnectionCleanup(SnapshotStore store, CatalogTargets targets) {
		this.store = store;
		this.targets = targets;
	}

	@ApplicationModuleListener
	void on(ConnectionDeleted event) {
		targets.forget(event.connectionId());
		int removed = store.deleteAll(event.connectionId());
		if (removed > 0) {
			log.info("Removed {} catalog snapshot(s) of deleted connection {}", removed, event.connectionId());
		}
	}

	@ApplicationModuleListener
	void on(ConnectionUpdated event) {
		targets.forget(event.connectionId());
	}

	@ApplicationModuleListener
	void on(ConnectionActiveChanged event) {
		if (!event.active()) {
			targets.forget(event.connectionId());
		}
	}
}

package dev.steward.catalog.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import dev.steward.catalog.CatalogSync;

/** Re-syncs every previously synced connection every {@code steward.catalog.sync-interval} (off unless set). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "steward.catalog", name = "sync-interval")
class ScheduledCatalogSync {

	private static final Logger log = LoggerFactory.getLogger(ScheduledCatalogSync.class);

	private final CatalogSync sync;

	ScheduledCatalogSync(CatalogSync sync) {
		this.sync = sync;
	}

	@Scheduled(fixedDelayString = "${steward.catalog.sync-interval}", initialDelayString = "${steward.catalog.sync-interval}")
	void syncAll() {
		for (UUID id : sync.syncedConnections()) {
			try {
				sync.syncAsSystem(id);
			}
			catch (RuntimeException e) {
				// one unreachable target must not stop the others; the failure is in the audit trail
				log.warn("Scheduled catalog sync of connection {} failed: {}", id, e.getMessage());
			}
		}
	}
}

package dev.steward.catalog.internal;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.steward.catalog.CatalogSync;

/**
 * Re-syncs every previously synced connection every {@code steward.catalog.sync-interval} (off unless set).
 * The setting is read when the application starts, not by a bean condition: conditions are fixed at build time
 * in the ahead-of-time processed jar, where the task would otherwise never run.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScheduledCatalogSync implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(ScheduledCatalogSync.class);

	private final CatalogSync sync;
	private final @Nullable Duration interval;

	ScheduledCatalogSync(CatalogSync sync, CatalogProperties properties) {
		this.sync = sync;
		this.interval = properties.syncInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		if (interval != null && interval.isPositive()) {
			tasks.addFixedDelayTask(new FixedDelayTask(this::syncAll, interval, interval));
		}
	}

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

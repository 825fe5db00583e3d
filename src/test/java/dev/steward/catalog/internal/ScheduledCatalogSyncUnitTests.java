package dev.steward.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The re-sync is scheduled from the setting at start-up (a bean condition would be fixed in the AOT jar). */
class ScheduledCatalogSyncUnitTests {

	@Test
	void schedulesTheResyncAtTheConfiguredInterval() {
		ScheduledTaskRegistrar tasks = new ScheduledTaskRegistrar();
		new ScheduledCatalogSync(null, properties(Duration.ofMinutes(5))).configureTasks(tasks);
		assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
			assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(5));
			assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void schedulesNothingWhenTheSettingIsAbsent() {
		ScheduledTaskRegistrar tasks = new ScheduledTaskRegistrar();
		new ScheduledCatalogSync(null, properties(null)).configureTasks(tasks);
		assertThat(tasks.getFixedDelayTaskList()).isEmpty();
	}

	private static CatalogProperties properties(Duration syncInterval) {
		return new CatalogProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), 100, syncInterval,
				Duration.ofSeconds(30));
	}
}

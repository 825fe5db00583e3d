package dev.steward.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.steward.job.JobKind;

class JobPropertiesUnitTests {

	@Test
	void perKindLimitsBindFromLowerCaseKeysAndDefaultToTwo() {
		JobProperties props = new Binder(new MapConfigurationPropertySource(Map.of("steward.jobs.max-concurrent.backup", "5",
				"steward.jobs.max-concurrent.test-restore", "1", "steward.jobs.lease-expiry", "10s")))
			.bind("steward.jobs", JobProperties.class).get();
		assertThat(props.limit(JobKind.BACKUP)).isEqualTo(5);
		assertThat(props.limit(JobKind.TEST_RESTORE)).isEqualTo(1);
		assertThat(props.limit(JobKind.RESTORE)).isEqualTo(2);
		assertThat(props.leaseExpiry()).isEqualTo(Duration.ofSeconds(10));
		assertThat(props.heartbeat()).isEqualTo(Duration.ofSeconds(1));
	}
}

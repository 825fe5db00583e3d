package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.steward.monitor.internal.CheckReadings;

/** The check rules' kinds, expiry arithmetic and messages, without a store. */
class AlertCheckUnitTests {

	@Test
	void everyRuleIdHasExactlyOneKind() {
		assertThat(AlertRuleKind.of("latency")).contains(AlertRuleKind.METRIC);
		assertThat(AlertRuleKind.of("backup_failed")).contains(AlertRuleKind.EVENT);
		assertThat(AlertRuleKind.of("cert_days_left")).contains(AlertRuleKind.CHECK);
		assertThat(AlertRuleKind.of("target_free_percent")).contains(AlertRuleKind.CHECK);
		assertThat(AlertRuleKind.of("no_such_thing")).isEmpty();
		assertThat(AlertCheck.TARGET_FREE_BYTES.subject()).isEqualTo(AlertCheck.Subject.TARGET);
		assertThat(AlertCheck.JOB_FAILURES.subject()).isEqualTo(AlertCheck.Subject.CONNECTION);
	}

	@Test
	void daysLeftCountsDownAndGoesNegativeOnceExpired() {
		Instant now = Instant.parse("2026-12-03T12:00:00Z");
		assertThat(CheckReadings.daysLeft(now.plus(Duration.ofHours(36)), now)).isEqualTo(1.5);
		assertThat(CheckReadings.daysLeft(now.minus(Duration.ofDays(2)), now)).isEqualTo(-2.0);
		assertThat(AlertComparison.BELOW.breached(1.5, 14)).isTrue();
		assertThat(AlertComparison.BELOW.cleared(365, 14, 1)).isTrue();
	}

	@Test
	void messagesSayWhatTheValueMeans() {
		assertThat(AlertCheck.CERT_DAYS_LEFT.describe(3.25, AlertComparison.BELOW, 14, 60))
			.isEqualTo("the server certificate expires in 3.2 days (below 14 days)");
		assertThat(AlertCheck.CERT_DAYS_LEFT.describe(-2, AlertComparison.BELOW, 14, 60))
			.isEqualTo("the server certificate expired 2 days ago");
		assertThat(AlertCheck.JOB_FAILURES.describe(3, AlertComparison.ABOVE, 2, 30))
			.isEqualTo("3 failed jobs in the last 30 min (above 2)");
		assertThat(AlertCheck.HOURS_SINCE_BACKUP.describe(30.04, AlertComparison.ABOVE, 26, 60))
			.isEqualTo("no successful backup for 30 h (above 26 h)");
	}
}

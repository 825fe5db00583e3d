package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.steward.monitor.internal.Downsampling;
import dev.steward.monitor.internal.MonitorProperties;
import dev.steward.monitor.internal.SampleStore.Bucket;

/** Resolution choice and merging buckets into at most 1,000 points. */
class DownsamplingUnitTests {

	static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

	final MonitorProperties p = MonitorProperties.defaults();

	@Test
	void theRangeChoosesTheResolution() {
		assertThat(Downsampling.choose(NOW.minus(Duration.ofHours(1)), NOW, NOW, p)).isEqualTo(Resolution.RAW);
		assertThat(Downsampling.choose(NOW.minus(Duration.ofHours(24)), NOW, NOW, p)).isEqualTo(Resolution.MINUTE);
		assertThat(Downsampling.choose(NOW.minus(Duration.ofDays(7)), NOW, NOW, p)).isEqualTo(Resolution.MINUTE);
		assertThat(Downsampling.choose(NOW.minus(Duration.ofDays(30)), NOW, NOW, p)).as("past minute retention")
			.isEqualTo(Resolution.HOUR);
		assertThat(Downsampling.choose(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)).plusSeconds(3600),
				NOW, p)).as("an hour three days ago: raw samples are gone").isEqualTo(Resolution.MINUTE);
	}

	@Test
	void thirtyDaysOfMinutesBecomeAtMostAThousandPointsWithExactAggregates() {
		Instant from = NOW.minus(Duration.ofDays(30));
		List<Bucket> minutes = new ArrayList<>();
		for (int i = 0; i < 30 * 24 * 60; i++) {
			minutes.add(new Bucket(from.plusSeconds(60L * i), i % 60, i % 60 - 1, i % 60 + 1, 2));
		}
		long step = Downsampling.step(from, NOW, Resolution.MINUTE, 0);
		List<Bucket> merged = Downsampling.merge(minutes, from, step);
		assertThat(merged.size()).isLessThanOrEqualTo(1000).isGreaterThan(700);
		assertThat(step).isEqualTo(2592);
		double total = minutes.stream().mapToDouble(b -> b.avg() * b.count()).sum();
		assertThat(merged.stream().mapToDouble(b -> b.avg() * b.count()).sum()).isCloseTo(total,
				org.assertj.core.data.Offset.offset(1e-6));
		assertThat(merged.stream().mapToLong(Bucket::count).sum()).isEqualTo(2L * minutes.size());
		for (Bucket b : merged) {
			List<Bucket> inside = minutes.stream()
				.filter(m -> !m.at().isBefore(b.at()) && m.at().isBefore(b.at().plusSeconds(step))).toList();
			assertThat(b.min()).isEqualTo(inside.stream().mapToDouble(Bucket::min).min().orElseThrow());
			assertThat(b.max()).isEqualTo(inside.stream().mapToDouble(Bucket::max).max().orElseThrow());
			assertThat(b.avg()).isCloseTo(inside.stream().mapToDouble(Bucket::avg).average().orElseThrow(),
					org.assertj.core.data.Offset.offset(1e-9));
		}
	}

	@Test
	void aRequestedStepIsHonouredWhenCoarser() {
		assertThat(Downsampling.step(NOW.minusSeconds(3600), NOW, Resolution.RAW, 300)).isEqualTo(300);
		assertThat(Downsampling.step(NOW.minusSeconds(3600), NOW, Resolution.RAW, 1)).isEqualTo(4);
		assertThat(Downsampling.step(NOW.minus(Duration.ofDays(1)), NOW, Resolution.MINUTE, 0)).isEqualTo(87);
	}
}

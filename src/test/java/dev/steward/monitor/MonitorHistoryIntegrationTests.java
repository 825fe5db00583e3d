package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.steward.engine.HealthMetric;
import dev.steward.monitor.internal.Rollups;
import dev.steward.monitor.internal.SampleStore;
import dev.steward.monitor.internal.SampleStore.Bucket;
import dev.steward.monitor.internal.SampleStore.Point;
import dev.steward.test.IntegrationTest;

/**
 * History in the metadata store, at synthetic times a month and more ahead (the running sampler, rollups and
 * retention never touch the future, so they cannot race the test): raw samples aggregate
 * exactly into 1-minute and 1-hour rows, retention trims each level, and 30 days of 1-minute rows come back as at
 * most 1,000 points.
 */
@IntegrationTest
class MonitorHistoryIntegrationTests {

	static final Instant T0 = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);

	@Autowired
	SampleStore store;

	@Autowired
	Rollups rollups;

	@Autowired
	Monitoring monitoring;

	@Test
	void rawSamplesAggregateExactlyIntoMinutesAndHoursAndRetentionTrims() {
		UUID c = UUID.randomUUID();
		List<Point> points = new ArrayList<>();
		// two hours of one sample every 15 s: value = index, so each minute's avg/min/max is known exactly
		for (int i = 0; i < 2 * 240; i++) {
			points.add(new Point(c, "latency", T0.plusSeconds(15L * i), i));
			points.add(new Point(c, "commits", T0.plusSeconds(15L * i), 2.5));
		}
		store.write(points);

		rollups.aggregate(Resolution.MINUTE, T0, T0.plus(Duration.ofHours(2)));
		List<Bucket> minutes = store.read(Resolution.MINUTE, c, "latency", T0, T0.plus(Duration.ofHours(2)));
		assertThat(minutes).hasSize(120);
		for (int m = 0; m < 120; m++) {
			Bucket b = minutes.get(m);
			assertThat(b.at()).isEqualTo(T0.plusSeconds(60L * m));
			assertThat(b.count()).isEqualTo(4);
			assertThat(b.min()).isEqualTo(4.0 * m);
			assertThat(b.max()).isEqualTo(4.0 * m + 3);
			assertThat(b.avg()).isCloseTo(4.0 * m + 1.5, offset(1e-9));
		}
		assertThat(store.read(Resolution.MINUTE, c, "commits", T0, T0.plus(Duration.ofHours(2))))
			.allSatisfy(b -> assertThat(b.avg()).isEqualTo(2.5));

		rollups.aggregate(Resolution.HOUR, T0, T0.plus(Duration.ofHours(2)));
		List<Bucket> hours = store.read(Resolution.HOUR, c, "latency", T0, T0.plus(Duration.ofHours(2)));
		assertThat(hours).hasSize(2);
		assertThat(hours.get(0).count()).isEqualTo(240);
		assertThat(hours.get(0).min()).isEqualTo(0);
		assertThat(hours.get(0).max()).isEqualTo(239);
		assertThat(hours.get(0).avg()).isCloseTo(119.5, offset(1e-9));
		assertThat(hours.get(1).avg()).isCloseTo(359.5, offset(1e-9));

		// retention: raw older than 10:30, minutes older than 11:00, hours older than 11:00
		store.trim(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1)));
		List<Bucket> raw = store.read(Resolution.RAW, c, "latency", T0.minusSeconds(1), T0.plus(Duration.ofHours(3)));
		assertThat(raw).hasSize(360);
		assertThat(raw.get(0).at()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
		assertThat(store.read(Resolution.MINUTE, c, "latency", T0, T0.plus(Duration.ofHours(3)))).hasSize(60);
		assertThat(store.read(Resolution.HOUR, c, "latency", T0, T0.plus(Duration.ofHours(3)))).hasSize(1);
	}

	@Test
	void thirtyDaysOfMinutesComeBackAsAtMostAThousandPoints() {
		UUID c = UUID.randomUUID();
		Instant from = T0.plus(Duration.ofDays(60));
		List<Point> points = new ArrayList<>();
		int minutes = 30 * 24 * 60;
		for (int i = 0; i < minutes; i++) {
			points.add(new Point(c, "connections", from.plusSeconds(60L * i), i % 100));
		}
		store.write(points);
		rollups.aggregate(Resolution.MINUTE, from, from.plus(Duration.ofDays(30)));
		long start = System.nanoTime();
		SeriesView view = monitoring.series(c, List.of(HealthMetric.CONNECTIONS), from, from.plus(Duration.ofDays(30)),
				0, Resolution.MINUTE);
		long millis = (System.nanoTime() - start) / 1_000_000;
		SeriesView.Series series = view.series().get(0);
		assertThat(series.t().length).isLessThanOrEqualTo(1000).isGreaterThan(900);
		assertThat(series.max()).contains(99.0);
		assertThat(series.min()).contains(0.0);
		double mean = 0;
		for (double v : series.avg()) {
			mean += v;
		}
		assertThat(mean / series.avg().length).isCloseTo(49.5, offset(1.0));
		System.out.println("30 days of 1-minute rows read and downsampled in " + millis + " ms");
	}
}

package dev.steward.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.steward.monitor.Resolution;
import dev.steward.monitor.internal.SampleStore.Bucket;

/**
 * Chooses where a chart reads from and merges stored buckets into at most {@link #MAX_POINTS} per series: the
 * average weighted by sample counts, the lowest minimum and the highest maximum of each step.
 */
public final class Downsampling {

	public static final int MAX_POINTS = 1000;

	/** Raw samples answer ranges up to this long; beyond it a rollup is cheaper and as good on a chart. */
	static final Duration RAW_RANGE = Duration.ofHours(6);

	/** 1-minute buckets answer ranges up to this long (43,200 rows read at most per series). */
	static final Duration MINUTE_RANGE = Duration.ofDays(31);

	private Downsampling() {
	}

	/** The finest resolution that still holds data from {@code from} and is cheap enough for the range. */
	public static Resolution choose(Instant from, Instant to, Instant now, MonitorProperties p) {
		Duration range = Duration.between(from, to);
		if (!from.isBefore(now.minus(p.rawRetention())) && range.compareTo(RAW_RANGE) <= 0) {
			return Resolution.RAW;
		}
		if (!from.isBefore(now.minus(p.minuteRetention())) && range.compareTo(MINUTE_RANGE) <= 0) {
			return Resolution.MINUTE;
		}
		return Resolution.HOUR;
	}

	/** The step (seconds, at least 1) that keeps the range within {@link #MAX_POINTS} and honours a requested one. */
	public static long step(Instant from, Instant to, Resolution resolution, long requestedSeconds) {
		long range = Math.max(1, Duration.between(from, to).toSeconds());
		long minimum = (range + MAX_POINTS - 1) / MAX_POINTS;
		return Math.max(Math.max(1, requestedSeconds), Math.max(minimum, resolution.size().toSeconds()));
	}

	/** Buckets of {@code stepSeconds} from {@code from}; input oldest first, output too, empty steps left out. */
	public static List<Bucket> merge(List<Bucket> stored, Instant from, long stepSeconds) {
		List<Bucket> out = new ArrayList<>();
		long current = Long.MIN_VALUE;
		double sum = 0;
		double min = 0;
		double max = 0;
		long count = 0;
		for (Bucket b : stored) {
			long index = Math.floorDiv(b.at().getEpochSecond() - from.getEpochSecond(), stepSeconds);
			if (index != current) {
				if (count > 0) {
					out.add(new Bucket(from.plusSeconds(current * stepSeconds), sum / count, min, max, count));
				}
				current = index;
				sum = 0;
				count = 0;
				min = Double.POSITIVE_INFINITY;
				max = Double.NEGATIVE_INFINITY;
			}
			long n = Math.max(1, b.count());
			sum += b.avg() * n;
			count += n;
			min = Math.min(min, b.min());
			max = Math.max(max, b.max());
		}
		if (count > 0) {
			out.add(new Bucket(from.plusSeconds(current * stepSeconds), sum / count, min, max, count));
		}
		return out;
	}
}

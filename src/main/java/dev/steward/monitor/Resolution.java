package dev.steward.monitor;

import java.time.Duration;

/** Where a chart series is read from: raw samples, or the 1-minute or 1-hour rollups. */
public enum Resolution {

	RAW(Duration.ZERO), MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1));

	private final Duration size;

	Resolution(Duration size) {
		this.size = size;
	}

	/** The width of one stored bucket; zero for raw samples. */
	public Duration size() {
		return size;
	}
}

package dev.steward.monitor;

/** Whether a rule fires when the value is above or below its threshold. */
public enum AlertComparison {

	ABOVE, BELOW;

	/** The condition holds: strictly past the threshold. */
	public boolean breached(double value, double threshold) {
		return this == ABOVE ? value > threshold : value < threshold;
	}

	/** The value is back by at least the hysteresis: only then does a firing alert resolve (no flapping). */
	public boolean cleared(double value, double threshold, double hysteresis) {
		return this == ABOVE ? value <= threshold - hysteresis : value >= threshold + hysteresis;
	}
}

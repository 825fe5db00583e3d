package dev.steward.monitor;

/** How serious an alert is, most serious first. */
public enum AlertLevel {
	CRITICAL, ERROR, WARNING, INFO
}

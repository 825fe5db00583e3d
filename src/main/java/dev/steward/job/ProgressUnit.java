package dev.steward.job;

/** What a job's progress counts. */
public enum ProgressUnit {
	BYTES, TABLES, ITEMS, ROWS,
	/** done of 100: a share of the whole, from tables done and the engine's report on the current one. */
	PERCENT
}

package dev.steward.job;

/** What a job's progress counts. */
public enum ProgressUnit {
	BYTES, TABLES, ITEMS, ROWS
}

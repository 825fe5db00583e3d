package dev.steward.export;

/** What an export writes. */
public enum ExportKind {
	/** Definitions of a database or schema as a script (with rows when asked). */
	SCHEMA,
	/** Rows of chosen tables in a file format. */
	DATA
}

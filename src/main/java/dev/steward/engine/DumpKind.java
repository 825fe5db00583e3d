package dev.steward.engine;

/** What a dump contains: everything, only the definitions, or only the rows/documents. */
public enum DumpKind {
	FULL, SCHEMA, DATA
}

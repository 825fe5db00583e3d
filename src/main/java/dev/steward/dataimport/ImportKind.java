package dev.steward.dataimport;

/** What a file is imported as: rows of a CSV file into a table, or an SQL script run in a database. */
public enum ImportKind {
	CSV, SQL
}

package dev.steward.dataimport;

/**
 * Which CSV values become SQL NULL. A quoted value is always a string: {@code ""} stays an empty string and
 * {@code "\N"} the two characters, so a file can carry both.
 */
public enum NullHandling {
	/** No value is NULL. */
	NONE,
	/** An unquoted empty field is NULL. */
	EMPTY,
	/** An unquoted field equal to the marker (e.g. {@code \N} or {@code NULL}) is NULL. */
	MARKER
}

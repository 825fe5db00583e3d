package dev.steward.engine;

/**
 * A column of a result.
 *
 * @param name its label
 * @param type the engine's type name ({@code numeric}, {@code timestamptz}, {@code VARCHAR} …)
 * @param kind how clients should render its values
 */
public record ResultColumn(String name, String type, ValueKind kind) {

	/** How a value travels: every value is a string or null; the kind says how to read the string. */
	public enum ValueKind {
		/** Exact decimal digits ({@code 12.50}, never rounded through a double). */
		NUMBER,
		/** {@code true} / {@code false}. */
		BOOLEAN,
		/** ISO-8601 date, time or timestamp, with its offset when the type has a zone. */
		TEMPORAL,
		/** {@code \x} followed by hex, truncated for display. */
		BINARY,
		/** JSON text. */
		JSON,
		/** Anything else, as the driver renders it. */
		TEXT
	}
}

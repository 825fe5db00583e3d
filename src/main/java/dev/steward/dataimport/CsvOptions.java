package dev.steward.dataimport;

import org.jspecify.annotations.Nullable;

/**
 * How a CSV file reads.
 *
 * @param header     whether the first record names the columns (and is not imported)
 * @param delimiter  one character, e.g. {@code ,} {@code ;} or a tab
 * @param quote      one character, usually {@code "}
 * @param encoding   a charset name, e.g. {@code UTF-8}, {@code windows-1252}
 * @param nullMarker the marker when {@code nullHandling} is {@link NullHandling#MARKER}
 */
public record CsvOptions(boolean header, String delimiter, String quote, String encoding, NullHandling nullHandling,
		@Nullable String nullMarker) {
}

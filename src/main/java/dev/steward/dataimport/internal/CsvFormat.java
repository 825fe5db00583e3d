package dev.steward.dataimport.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

import org.jspecify.annotations.Nullable;

import dev.steward.dataimport.CsvOptions;
import dev.steward.dataimport.NullHandling;
import dev.steward.shared.InvalidInput;

/** {@link CsvOptions} checked: one-character delimiter and quote, a known charset, a marker when one is needed. */
public record CsvFormat(boolean header, char delimiter, char quote, Charset charset, NullHandling nullHandling,
		@Nullable String nullMarker) {

	private static final int MAX_MARKER = 32;

	public static CsvFormat of(@Nullable CsvOptions o, String field) {
		if (o == null) {
			throw new InvalidInput(field, "is required");
		}
		char delimiter = single(o.delimiter(), field + ".delimiter");
		char quote = single(o.quote(), field + ".quote");
		if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
			throw new InvalidInput(field, "The delimiter and the quote must differ and not be line breaks");
		}
		NullHandling nulls = o.nullHandling() == null ? NullHandling.EMPTY : o.nullHandling();
		String marker = o.nullMarker();
		if (nulls == NullHandling.MARKER && (marker == null || marker.isEmpty() || marker.length() > MAX_MARKER)) {
			throw new InvalidInput(field + ".nullMarker", "A NULL marker of 1 to " + MAX_MARKER + " characters");
		}
		return new CsvFormat(o.header(), delimiter, quote, charset(o.encoding(), field + ".encoding"), nulls,
				nulls == NullHandling.MARKER ? marker : null);
	}

	public static Charset charset(@Nullable String name, String field) {
		if (name == null || name.isBlank()) {
			return java.nio.charset.StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(name.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
			throw new InvalidInput(field, "Unknown encoding '" + name + "'");
		}
	}

	private static char single(@Nullable String value, String field) {
		if (value == null || value.length() != 1) {
			throw new InvalidInput(field, "One character");
		}
		return value.charAt(0);
	}

	public CsvOptions options() {
		return new CsvOptions(header, String.valueOf(delimiter), String.valueOf(quote), charset.name(), nullHandling,
				nullMarker);
	}

	/** A reader that refuses bytes that are not {@link #charset} (instead of replacing them silently). */
	public CsvReader reader(InputStream in) {
		var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new CsvReader(new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024), delimiter, quote);
	}

	/** The value a field stands for: quoted fields are always text. */
	public @Nullable String value(CsvReader.Field field) {
		if (field.quoted()) {
			return field.value();
		}
		return switch (nullHandling) {
			case NONE -> field.value();
			case EMPTY -> field.value().isEmpty() ? null : field.value();
			case MARKER -> field.value().equals(nullMarker) ? null : field.value();
		};
	}
}

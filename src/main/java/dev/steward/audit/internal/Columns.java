package dev.steward.audit.internal;

import org.jspecify.annotations.Nullable;

/**
 * Makes text safe to store in an audit column exactly as it is hashed: control characters and unpaired
 * surrogates (which PostgreSQL refuses or the UTF-8 encoder would alter) become U+FFFD, and the value is
 * cut to the column's length without splitting a surrogate pair.
 */
final class Columns {

	private static final char REPLACEMENT = '\uFFFD';

	private Columns() {
	}

	static String fit(String value, int maxLength) {
		return fit(value, maxLength, false);
	}

	/**
	 * Free text (a record's detail): like {@link #fit} but line breaks and tabs stay what they are (a CR LF
	 * becomes one LF), so a multi-line detail reads as written instead of with U+FFFD where its newlines were.
	 */
	static @Nullable String fitText(@Nullable String value, int maxLength) {
		return value == null ? null : fit(value.replace("\r\n", "\n"), maxLength, true);
	}

	private static String fit(String value, int maxLength, boolean keepLineBreaks) {
		StringBuilder b = new StringBuilder(Math.min(value.length(), maxLength));
		int i = 0;
		while (i < value.length()) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				if (b.length() + 2 > maxLength) {
					break;
				}
				b.append(c).append(value.charAt(i + 1));
				i += 2;
				continue;
			}
			if (b.length() + 1 > maxLength) {
				break;
			}
			boolean lineBreak = keepLineBreaks && (c == '\n' || c == '\t');
			b.append(!lineBreak && (Character.isISOControl(c) || Character.isSurrogate(c)) ? REPLACEMENT : c);
			i++;
		}
		return b.toString();
	}

	static @Nullable String fitNullable(@Nullable String value, int maxLength) {
		return value == null ? null : fit(value, maxLength);
	}
}

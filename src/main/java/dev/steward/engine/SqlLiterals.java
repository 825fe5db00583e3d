package dev.steward.engine;

/**
 * Replaces the literals of a statement with {@code ?} so its shape can be shown without its data: quoted strings
 * (with doubled quotes and, optionally, backslash escapes), PostgreSQL dollar-quoted strings, and numbers that are
 * not part of an identifier. Identifiers quoted with double quotes are kept unless the engine reads them as strings.
 */
public final class SqlLiterals {

	private SqlLiterals() {
	}

	/** @param doubleQuotedStrings whether {@code "…"} is a string (MySQL's default) rather than an identifier */
	public static String mask(String sql, boolean doubleQuotedStrings) {
		StringBuilder out = new StringBuilder(sql.length());
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char ch = sql.charAt(i);
			if (ch == '\'' || (ch == '"' && doubleQuotedStrings)) {
				i = skipQuoted(sql, i, ch, doubleQuotedStrings);
				out.append('?');
			}
			else if (ch == '"') {
				int end = skipQuoted(sql, i, ch, false);
				out.append(sql, i, end);
				i = end;
			}
			else if (ch == '$' && dollarTag(sql, i) > 0) {
				int tagEnd = dollarTag(sql, i);
				String tag = sql.substring(i, tagEnd);
				int close = sql.indexOf(tag, tagEnd);
				i = close < 0 ? n : close + tag.length();
				out.append('?');
			}
			else if (Character.isDigit(ch) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
				while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
					i++;
				}
				out.append('?');
			}
			else if (isWordChar(ch)) {
				while (i < n && isWordChar(sql.charAt(i))) {
					out.append(sql.charAt(i++));
				}
			}
			else {
				out.append(ch);
				i++;
			}
		}
		return out.toString();
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	/** The index after the closing quote (or the end); a doubled quote is part of the string. */
	private static int skipQuoted(String sql, int start, char quote, boolean backslashes) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (backslashes && c == '\\') {
				i += 2;
				continue;
			}
			if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return sql.length();
	}

	/** The index after a dollar-quote opening tag ({@code $$}, {@code $tag$}) at {@code i}, or 0 if none is there. */
	private static int dollarTag(String sql, int i) {
		if (i > 0 && isWordChar(sql.charAt(i - 1))) {
			return 0;
		}
		int j = i + 1;
		while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
			if (j == i + 1 && Character.isDigit(sql.charAt(j))) {
				return 0; // $1 is a parameter, not a tag
			}
			j++;
		}
		return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : 0;
	}
}

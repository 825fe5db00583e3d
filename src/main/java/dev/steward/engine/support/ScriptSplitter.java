package dev.steward.engine.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.steward.engine.ScriptStatement;

/**
 * Splits a script into statements at the delimiter, the way each engine's own client does: never inside
 * quotes, identifiers or comments; PostgreSQL dollar quotes and {@code E''} strings; MySQL's {@code DELIMITER}
 * command and backslash escapes; SQLite trigger bodies ({@code BEGIN … END}).
 */
public final class ScriptSplitter {

	private final boolean dollarQuotes;

	private final boolean backslashStrings;

	private final boolean delimiterCommand;

	private final boolean triggerBlocks;

	private ScriptSplitter(boolean dollarQuotes, boolean backslashStrings, boolean delimiterCommand,
			boolean triggerBlocks) {
		this.dollarQuotes = dollarQuotes;
		this.backslashStrings = backslashStrings;
		this.delimiterCommand = delimiterCommand;
		this.triggerBlocks = triggerBlocks;
	}

	public static ScriptSplitter postgres() {
		return new ScriptSplitter(true, false, false, false);
	}

	public static ScriptSplitter mysql() {
		return new ScriptSplitter(false, true, true, false);
	}

	public static ScriptSplitter sqlite() {
		return new ScriptSplitter(false, false, false, true);
	}

	public List<ScriptStatement> split(String script) {
		return new Run(script).split();
	}

	private final class Run {

		private final String s;

		private final List<ScriptStatement> out = new ArrayList<>();

		private String delimiter = ";";

		private int start = -1;

		private int blockDepth;

		private final StringBuilder word = new StringBuilder();

		private final StringBuilder firstWords = new StringBuilder();

		Run(String s) {
			this.s = s;
		}

		List<ScriptStatement> split() {
			int i = 0;
			while (i < s.length()) {
				char c = s.charAt(i);
				if (start < 0 && delimiterCommand && atLineStart(i) && startsWithWord(i, "delimiter")) {
					int end = lineEnd(i);
					String value = s.substring(i + "delimiter".length(), end).trim();
					if (!value.isEmpty()) {
						delimiter = value;
					}
					i = end;
					continue;
				}
				if (Character.isWhitespace(c)) {
					endWord();
					i++;
					continue;
				}
				int skipped = skipQuotedOrComment(i);
				if (skipped > i) {
					endWord();
					if (start < 0 && !isComment(i)) {
						start = i;
					}
					i = skipped;
					continue;
				}
				if (s.startsWith(delimiter, i)) {
					endWord();
				}
				if (s.startsWith(delimiter, i) && blockDepth == 0) {
					emit(i);
					i += delimiter.length();
					continue;
				}
				if (start < 0) {
					start = i;
				}
				if (Character.isLetterOrDigit(c) || c == '_') {
					word.append(c);
				}
				else {
					endWord();
				}
				i++;
			}
			endWord();
			emit(s.length());
			return out;
		}

		private boolean isComment(int i) {
			return s.startsWith("--", i) || s.startsWith("/*", i) || (backslashStrings && s.charAt(i) == '#');
		}

		private void endWord() {
			if (word.isEmpty()) {
				return;
			}
			String w = word.toString().toUpperCase(Locale.ROOT);
			word.setLength(0);
			if (firstWords.length() < 40) {
				firstWords.append(w).append(' ');
			}
			if (triggerBlocks && firstWords.toString().matches("CREATE (TEMP |TEMPORARY )?TRIGGER .*")) {
				if (w.equals("BEGIN") || w.equals("CASE")) {
					blockDepth++;
				}
				else if (w.equals("END") && blockDepth > 0) {
					blockDepth--;
				}
			}
		}

		private void emit(int end) {
			if (start >= 0) {
				String sql = s.substring(start, end).strip();
				if (!sql.isEmpty()) {
					out.add(new ScriptStatement(sql, start));
				}
			}
			start = -1;
			blockDepth = 0;
			firstWords.setLength(0);
		}

		/** The index after a quoted text or comment starting at {@code i}, or {@code i} if none starts there. */
		private int skipQuotedOrComment(int i) {
			char c = s.charAt(i);
			if (s.startsWith("--", i) || (backslashStrings && c == '#')) {
				return lineEnd(i);
			}
			if (s.startsWith("/*", i)) {
				int depth = 0;
				int j = i;
				while (j < s.length()) {
					if (s.startsWith("/*", j)) {
						depth++;
						j += 2;
					}
					else if (s.startsWith("*/", j)) {
						depth--;
						j += 2;
						if (depth == 0 || !dollarQuotes) {
							return j;
						}
					}
					else {
						j++;
					}
				}
				return s.length();
			}
			if (c == '\'') {
				boolean escapes = backslashStrings || (dollarQuotes && i > 0 && (s.charAt(i - 1) == 'E'
						|| s.charAt(i - 1) == 'e') && (i < 2 || !Character.isLetterOrDigit(s.charAt(i - 2))));
				return closeQuote(i, '\'', escapes);
			}
			if (c == '"') {
				return closeQuote(i, '"', backslashStrings);
			}
			if (c == '`' && !dollarQuotes) {
				return closeQuote(i, '`', false);
			}
			if (c == '[' && triggerBlocks) {
				int end = s.indexOf(']', i + 1);
				return end < 0 ? s.length() : end + 1;
			}
			if (c == '$' && dollarQuotes && word.isEmpty()) {
				int j = i + 1;
				while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
					j++;
				}
				if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
					String tag = s.substring(i, j + 1);
					int end = s.indexOf(tag, j + 1);
					return end < 0 ? s.length() : end + tag.length();
				}
			}
			return i;
		}

		private int closeQuote(int i, char quote, boolean escapes) {
			int j = i + 1;
			while (j < s.length()) {
				char c = s.charAt(j);
				if (escapes && c == '\\') {
					j += 2;
					continue;
				}
				if (c == quote) {
					if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
						j += 2;
						continue;
					}
					return j + 1;
				}
				j++;
			}
			return s.length();
		}

		private boolean atLineStart(int i) {
			int j = i - 1;
			while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
				j--;
			}
			return j < 0 || s.charAt(j) == '\n' || s.charAt(j) == '\r';
		}

		private boolean startsWithWord(int i, String w) {
			return s.regionMatches(true, i, w, 0, w.length()) && s.length() > i + w.length()
					&& Character.isWhitespace(s.charAt(i + w.length()));
		}

		private int lineEnd(int i) {
			int end = s.indexOf('\n', i);
			return end < 0 ? s.length() : end;
		}
	}
}

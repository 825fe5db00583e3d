package dev.steward.masking.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough reading of SQL to tell whether a statement may change data: its words outside comments, string
 * literals and quoted identifiers. Errs on the side of "changes" (a {@code SELECT … FOR UPDATE} counts).
 */
public final class SqlWords {

	private static final Set<String> READS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN",
			"DESCRIBE", "DESC", "BEGIN", "START", "COMMIT", "ROLLBACK", "END", "SET", "USE");

	private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "INTO", "COPY",
			"CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "CALL", "DO", "REPLACE", "LOAD", "RENAME",
			"HANDLER", "EXECUTE", "PREPARE", "IMPORT", "REFRESH", "CLUSTER", "REINDEX", "VACUUM", "LOCK", "OUTFILE",
			"DUMPFILE");

	private SqlWords() {
	}

	public static boolean changesData(String sql) {
		List<String> words = words(sql);
		if (words.isEmpty()) {
			return false;
		}
		if (!READS.contains(words.getFirst())) {
			return true;
		}
		return words.stream().anyMatch(WRITES::contains);
	}

	/** The upper-cased bare words of {@code sql}, comments, literals and quoted names skipped. */
	static List<String> words(String sql) {
		List<String> out = new ArrayList<>();
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
				while (i < n && sql.charAt(i) != '\n') {
					i++;
				}
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = end < 0 ? n : end + 2;
			}
			else if (c == '\'' || c == '"' || c == '`') {
				int j = i + 1;
				while (j < n && !(sql.charAt(j) == c && (j + 1 >= n || sql.charAt(j + 1) != c))) {
					j += sql.charAt(j) == c ? 2 : (sql.charAt(j) == '\\' && c == '\'' ? 2 : 1);
				}
				i = j + 1;
			}
			else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
				int tagEnd = sql.indexOf('$', i + 1);
				if (tagEnd < 0) {
					i++;
					continue;
				}
				String tag = sql.substring(i, tagEnd + 1);
				if (!tag.chars().skip(1).limit(tag.length() - 2L).allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
					i++;
					continue;
				}
				// a dollar-quoted body may hold statements (DO, CREATE FUNCTION): its words count too
				int end = sql.indexOf(tag, tagEnd + 1);
				out.addAll(words(sql.substring(tagEnd + 1, end < 0 ? n : end)));
				i = end < 0 ? n : end + tag.length();
			}
			else if (Character.isLetter(c) || c == '_') {
				int j = i;
				while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
					j++;
				}
				out.add(sql.substring(i, j).toUpperCase(Locale.ROOT));
				i = j;
			}
			else {
				i++;
			}
		}
		return out;
	}
}

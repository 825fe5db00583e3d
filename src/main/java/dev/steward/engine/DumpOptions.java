package dev.steward.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to dump. Include/exclude lists hold schema or table names (PostgreSQL also allows its {@code *}
 * and {@code ?} wildcards); they are validated here so that nothing odd can reach a tool's argument list.
 *
 * @param workDir a private directory the dump may use for temporary files (SQLite's consistent copy)
 */
public record DumpOptions(DumpKind kind, List<String> includeSchemas, List<String> excludeSchemas,
		List<String> includeTables, List<String> excludeTables, Path workDir) {

	/** Letters, digits, {@code _ $ . - * ?}, no leading dash: safe as the value of a {@code --x=} option. */
	public static final Pattern OBJECT_PATTERN = Pattern.compile("^[\\p{L}\\p{N}_$*?][\\p{L}\\p{N}_$.*?\\-]{0,127}$");

	public DumpOptions {
		includeSchemas = checked("includeSchemas", includeSchemas);
		excludeSchemas = checked("excludeSchemas", excludeSchemas);
		includeTables = checked("includeTables", includeTables);
		excludeTables = checked("excludeTables", excludeTables);
	}

	public static DumpOptions of(DumpKind kind, Path workDir) {
		return new DumpOptions(kind, List.of(), List.of(), List.of(), List.of(), workDir);
	}

	public boolean filtered() {
		return !includeSchemas.isEmpty() || !excludeSchemas.isEmpty() || !includeTables.isEmpty()
				|| !excludeTables.isEmpty();
	}

	private static List<String> checked(String field, List<String> names) {
		if (names.size() > 100) {
			throw new DumpOptionRefused(field, "at most 100 names");
		}
		for (String name : names) {
			if (!OBJECT_PATTERN.matcher(name).matches()) {
				throw new DumpOptionRefused(field, "'" + abbreviate(name)
						+ "' is not a plain schema or table name (letters, digits, _ $ . - and the wildcards * ?)");
			}
		}
		return List.copyOf(names);
	}

	private static String abbreviate(String s) {
		String printable = s.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
	}
}

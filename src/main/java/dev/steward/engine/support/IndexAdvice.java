package dev.steward.engine.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PerformanceModel.AdviceFinding;
import dev.steward.engine.PerformanceModel.FindingKind;
import dev.steward.engine.PerformanceModel.FindingSeverity;

/**
 * Index advice every SQL engine shares, worked out from facts the engine read: exact duplicates, indexes whose
 * columns are a left prefix of another's, foreign keys no index leads with, and indexes never scanned. The engine
 * supplies the facts and the DDL; this decides.
 */
public final class IndexAdvice {

	private IndexAdvice() {
	}

	/**
	 * One index. {@code columns} are column names, expressions in parentheses; {@code shape} is whatever else must
	 * match for two indexes to be interchangeable (operator classes, collations, prefix lengths), engine-formatted.
	 *
	 * @param constraint it enforces a constraint (primary key, unique, exclusion), so dropping it takes more than
	 *                   a DROP INDEX
	 * @param scans      index scans since statistics were reset; null where the engine does not count them
	 */
	public record IndexFacts(String schema, String table, String name, List<String> columns, String method,
			@Nullable String predicate, String shape, boolean unique, boolean constraint, @Nullable Long sizeBytes,
			@Nullable Long scans) {

		String qualified() {
			return schema + "." + name;
		}
	}

	public record ForeignKeyFacts(String schema, String table, String name, List<String> columns,
			String referencedTable) {
	}

	/** The engine's DDL, identifiers quoted its way. */
	public interface Ddl {

		String dropIndex(IndexFacts index);

		String createIndex(String schema, String table, List<String> columns);
	}

	public static List<AdviceFinding> analyse(List<IndexFacts> indexes, List<ForeignKeyFacts> foreignKeys, Ddl ddl,
			boolean scansCounted) {
		List<AdviceFinding> out = new ArrayList<>();
		Set<IndexFacts> redundant = new HashSet<>();
		for (int i = 0; i < indexes.size(); i++) {
			for (int j = 0; j < indexes.size(); j++) {
				IndexFacts a = indexes.get(i);
				IndexFacts b = indexes.get(j);
				if (i == j || !a.schema().equals(b.schema()) || !a.table().equals(b.table())
						|| redundant.contains(a) || redundant.contains(b)) {
					continue;
				}
				FindingKind kind = redundancy(a, b, i < j);
				if (kind != null) {
					redundant.add(a);
					out.add(redundantFinding(kind, a, b, ddl));
				}
			}
		}
		for (ForeignKeyFacts fk : foreignKeys) {
			boolean supported = indexes.stream().anyMatch(ix -> supports(ix, fk));
			if (!supported) {
				Map<String, String> evidence = new LinkedHashMap<>();
				evidence.put("table", fk.schema() + "." + fk.table());
				evidence.put("columns", String.join(", ", fk.columns()));
				evidence.put("references", fk.referencedTable());
				out.add(new AdviceFinding(FindingKind.FOREIGN_KEY_WITHOUT_INDEX, FindingSeverity.WARNING, fk.schema(),
						fk.schema() + "." + fk.table() + " (" + fk.name() + ")",
						"Foreign key " + fk.name() + " has no index on (" + String.join(", ", fk.columns())
								+ "): deletes and updates of " + fk.referencedTable()
								+ " scan the whole table, and joins on it cannot use an index",
						evidence, ddl.createIndex(fk.schema(), fk.table(), fk.columns())));
			}
		}
		if (scansCounted) {
			for (IndexFacts ix : indexes) {
				if (ix.scans() != null && ix.scans() == 0 && !ix.unique() && !ix.constraint() && !redundant.contains(ix)
						&& foreignKeys.stream().noneMatch(fk -> supports(ix, fk) && onlySupport(ix, fk, indexes))) {
					out.add(unused(ix, ddl));
				}
			}
		}
		return out;
	}

	/** Whether {@code a} is redundant given {@code b}; null if not. Of two equal ones the later goes. */
	private static @Nullable FindingKind redundancy(IndexFacts a, IndexFacts b, boolean aFirst) {
		if (a.constraint() || !a.method().equals(b.method()) || !java.util.Objects.equals(a.predicate(), b.predicate())) {
			return null;
		}
		if (a.columns().equals(b.columns()) && a.shape().equals(b.shape())) {
			if (a.unique() && !b.unique()) {
				return null; // b is the redundant one
			}
			boolean keepA = a.unique() == b.unique() && (b.constraint() ? false : aFirst);
			return keepA ? null : FindingKind.DUPLICATE_INDEX;
		}
		boolean prefix = !a.unique() && a.columns().size() < b.columns().size()
				&& b.columns().subList(0, a.columns().size()).equals(a.columns()) && orderable(a.method())
				&& b.shape().startsWith(a.shape());
		return prefix ? FindingKind.OVERLAPPING_INDEX : null;
	}

	/** Only ordered (B-tree) indexes serve a left prefix of their columns. */
	private static boolean orderable(String method) {
		return method.equalsIgnoreCase("btree");
	}

	private static AdviceFinding redundantFinding(FindingKind kind, IndexFacts a, IndexFacts b, Ddl ddl) {
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("index", a.name() + " (" + String.join(", ", a.columns()) + ")");
		evidence.put(kind == FindingKind.DUPLICATE_INDEX ? "same as" : "covered by",
				b.name() + " (" + String.join(", ", b.columns()) + ")");
		if (a.sizeBytes() != null) {
			evidence.put("size", a.sizeBytes() + " bytes");
		}
		if (a.scans() != null) {
			evidence.put("scans", String.valueOf(a.scans()));
		}
		String summary = kind == FindingKind.DUPLICATE_INDEX
				? "Index " + a.name() + " duplicates " + b.name() + ": every write maintains both, queries use one"
				: "Index " + a.name() + " is a left prefix of " + b.name() + ", which serves the same lookups";
		return new AdviceFinding(kind, FindingSeverity.WARNING, a.schema(), a.qualified(), summary, evidence, ddl.dropIndex(a));
	}

	/** An index supports a foreign key when it leads with the key's columns (in any order). */
	private static boolean supports(IndexFacts ix, ForeignKeyFacts fk) {
		if (!ix.schema().equals(fk.schema()) || !ix.table().equals(fk.table()) || ix.predicate() != null
				|| ix.columns().size() < fk.columns().size()) {
			return false;
		}
		return new HashSet<>(ix.columns().subList(0, fk.columns().size())).equals(new HashSet<>(fk.columns()));
	}

	private static boolean onlySupport(IndexFacts ix, ForeignKeyFacts fk, List<IndexFacts> indexes) {
		return indexes.stream().filter(other -> other != ix).noneMatch(other -> supports(other, fk));
	}

	private static AdviceFinding unused(IndexFacts ix, Ddl ddl) {
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("index", ix.name() + " (" + String.join(", ", ix.columns()) + ")");
		evidence.put("table", ix.schema() + "." + ix.table());
		evidence.put("scans", "0");
		if (ix.sizeBytes() != null) {
			evidence.put("size", ix.sizeBytes() + " bytes");
		}
		boolean large = ix.sizeBytes() != null && ix.sizeBytes() >= 100L * 1024 * 1024;
		return new AdviceFinding(FindingKind.UNUSED_INDEX, large ? FindingSeverity.WARNING : FindingSeverity.INFO, ix.schema(),
				ix.qualified(), "Index " + ix.name() + " has not been scanned since statistics were reset: it costs "
						+ "every write and its space; check replicas and rare reports before dropping it",
				evidence, ddl.dropIndex(ix));
	}
}

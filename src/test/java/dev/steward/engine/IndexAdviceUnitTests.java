package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.steward.engine.PerformanceModel.AdviceFinding;
import dev.steward.engine.PerformanceModel.FindingKind;
import dev.steward.engine.support.IndexAdvice;
import dev.steward.engine.support.IndexAdvice.ForeignKeyFacts;
import dev.steward.engine.support.IndexAdvice.IndexFacts;

/** The index rules on hand-made facts: which of two equal indexes goes, prefixes, foreign keys, unused ones. */
class IndexAdviceUnitTests {

	static final IndexAdvice.Ddl DDL = new IndexAdvice.Ddl() {

		@Override
		public String dropIndex(IndexFacts index) {
			return "DROP " + index.name();
		}

		@Override
		public String createIndex(String schema, String table, List<String> columns) {
			return "CREATE " + table + " " + columns;
		}
	};

	static IndexFacts ix(String name, List<String> columns, boolean unique, boolean constraint, Long scans) {
		return new IndexFacts("s", "t", name, columns, "btree", null, "x ".repeat(columns.size()).strip(), unique,
				constraint, 8192L, scans);
	}

	@Test
	void theRedundantOneOfTwoEqualIndexesGoesNeverTheConstraint() {
		List<AdviceFinding> findings = IndexAdvice.analyse(List.of(ix("a_pkey", List.of("a"), true, true, 5L),
				ix("a_idx", List.of("a"), false, false, 5L), ix("b1", List.of("b"), false, false, 5L),
				ix("b2", List.of("b"), false, false, 5L)), List.of(), DDL, true);
		assertThat(findings).extracting(AdviceFinding::kind, AdviceFinding::fixSql).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple(FindingKind.DUPLICATE_INDEX, "DROP a_idx"),
				org.assertj.core.groups.Tuple.tuple(FindingKind.DUPLICATE_INDEX, "DROP b2"));
	}

	@Test
	void aLeftPrefixIsCoveredAndAForeignKeyNeedsALeadingIndex() {
		List<AdviceFinding> findings = IndexAdvice.analyse(
				List.of(ix("ab", List.of("a", "b"), false, false, 3L), ix("a", List.of("a"), false, false, 3L),
						ix("cb", List.of("c", "b"), false, false, 3L)),
				List.of(new ForeignKeyFacts("s", "t", "fk_b", List.of("b"), "s.other"),
						new ForeignKeyFacts("s", "t", "fk_ba", List.of("b", "a"), "s.other")),
				DDL, true);
		assertThat(findings).extracting(AdviceFinding::kind, AdviceFinding::fixSql).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple(FindingKind.OVERLAPPING_INDEX, "DROP a"),
				org.assertj.core.groups.Tuple.tuple(FindingKind.FOREIGN_KEY_WITHOUT_INDEX, "CREATE t [b]"));
	}

	@Test
	void unusedSkipsUniqueIndexesAndTheOnlySupportOfAForeignKeyAndNeedsCounts() {
		List<IndexFacts> indexes = List.of(ix("u", List.of("u"), true, false, 0L), ix("fk", List.of("f"), false, false, 0L),
				ix("idle", List.of("i"), false, false, 0L), ix("busy", List.of("j"), false, false, 9L));
		List<ForeignKeyFacts> fks = List.of(new ForeignKeyFacts("s", "t", "fk_f", List.of("f"), "s.other"));
		assertThat(IndexAdvice.analyse(indexes, fks, DDL, true)).extracting(AdviceFinding::object)
			.containsExactly("s.idle");
		assertThat(IndexAdvice.analyse(indexes, fks, DDL, false)).as("no counts, no verdict").isEmpty();
	}
}

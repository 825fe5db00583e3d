package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Masking literals keeps a statement's shape and drops its data, in both engines' quoting. */
class SqlLiteralsUnitTests {

	@Test
	void stringsNumbersAndDollarQuotesBecomeQuestionMarks() {
		assertThat(SqlLiterals.mask("SELECT * FROM t1 WHERE name = 'O''Brien' AND age > 42 AND x = 1.5e3", false))
			.isEqualTo("SELECT * FROM t1 WHERE name = ? AND age > ? AND x = ?");
		assertThat(SqlLiterals.mask("SELECT $$secret$$, $tag$more 'x'$tag$, $1", false)).isEqualTo("SELECT ?, ?, $1");
		assertThat(SqlLiterals.mask("SELECT \"Card 42\" FROM \"T\" WHERE c = 'a'", false))
			.as("double quotes are identifiers in PostgreSQL").isEqualTo("SELECT \"Card 42\" FROM \"T\" WHERE c = ?");
	}

	@Test
	void mysqlDoubleQuotesAndBackslashEscapesAreStrings() {
		assertThat(SqlLiterals.mask("SELECT * FROM `t` WHERE a = \"pa\\\"ss\" AND b = 'it\\'s' AND c = 7", true))
			.isEqualTo("SELECT * FROM `t` WHERE a = ? AND b = ? AND c = ?");
	}

	@Test
	void anUnterminatedStringIsMaskedToTheEnd() {
		assertThat(SqlLiterals.mask("SELECT 'secret", false)).isEqualTo("SELECT ?");
	}
}

package dev.steward.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.steward.engine.ScriptStatement;

class ScriptSplitterUnitTests {

	private static List<String> sql(List<ScriptStatement> statements) {
		return statements.stream().map(ScriptStatement::sql).toList();
	}

	@Test
	void postgresKeepsDollarQuotesEStringsAndCommentsWhole() {
		String script = """
				-- a comment; with a semicolon
				SELECT 'it''s; here', E'back\\'slash;', "semi;colon" FROM t;
				CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
				/* block /* nested; */ still; */ SELECT $$a;b$$;
				SELECT 3""";
		List<ScriptStatement> statements = ScriptSplitter.postgres().split(script);
		assertThat(sql(statements)).containsExactly(
				"SELECT 'it''s; here', E'back\\'slash;', \"semi;colon\" FROM t",
				"CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql",
				"SELECT $$a;b$$", "SELECT 3"); // leading comments are not part of a statement
		assertThat(script.substring(statements.get(3).offset())).isEqualTo("SELECT 3");
	}

	@Test
	void mysqlFollowsDelimiterAndBackslashEscapes() {
		String script = """
				SELECT 'a\\';b', `we;ird` FROM t; # comment;
				DELIMITER //
				CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //
				DELIMITER ;
				SELECT 2;""";
		assertThat(sql(ScriptSplitter.mysql().split(script))).containsExactly("SELECT 'a\\';b', `we;ird` FROM t",
				"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 2");
	}

	@Test
	void sqliteKeepsTriggerBodiesWhole() {
		String script = """
				CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = CASE WHEN 1 THEN 2 END; DELETE FROM u; END;
				BEGIN; INSERT INTO t VALUES (1); COMMIT;""";
		assertThat(sql(ScriptSplitter.sqlite().split(script))).containsExactly(
				"CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = CASE WHEN 1 THEN 2 END; DELETE FROM u; END",
				"BEGIN", "INSERT INTO t VALUES (1)", "COMMIT");
	}
}

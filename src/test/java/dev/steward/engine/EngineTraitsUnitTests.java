package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class EngineTraitsUnitTests {

	@Test
	void aNetworkedEngineStartsWithNothingSwitchedOnAndEachWithTurnsOneFlagOn() {
		EngineTraits plain = EngineTraits.networked("X", 1234, "#abcdef");
		assertThat(plain.networked()).isTrue();
		assertThat(plain.fileBased()).isFalse();
		assertThat(plain.poolsPerDatabase() || plain.schemas() || plain.dumpTableFilters() || plain.parallelRestore()
				|| plain.usernameRequired()).isFalse();
		assertThat(plain.ddlLanguage()).isEqualTo(DdlLanguage.SQL);
		assertThat(plain.consoleDialect()).isEqualTo("sql");
		assertThat(plain.dumpConsistency()).isEqualTo(DumpConsistency.SNAPSHOT);

		EngineTraits full = plain.withPoolsPerDatabase().withSchemas().withDumpTableFilters().withParallelRestore()
			.withUsernameRequired().withDdl(DdlLanguage.JSON).withConsoleDialect("x").withDumpConsistency(DumpConsistency.LOGICAL);
		assertThat(full).isEqualTo(new EngineTraits("X", 1234, "#abcdef", false, true, true, true, true, true,
				DdlLanguage.JSON, "x", DumpConsistency.LOGICAL, List.of()));
		assertThat(full.withUrlForms("x://").urlForms()).containsExactly("x://");
	}

	@Test
	void aFileBasedEngineHasNoPortAndANetworkedOneHasOne() {
		assertThat(EngineTraits.fileBased("F", "#000000").defaultPort()).isZero();
		assertThatThrownBy(() -> EngineTraits.networked("N", 0, "#000000")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new EngineTraits("F", 5, "#000000", true, false, false, false, false, false,
				DdlLanguage.SQL, "sql", DumpConsistency.SNAPSHOT, List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EngineTraits.networked("N", 1, "red")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void engineNamesAreValuesSpelledInCapitals() {
		assertThat(EngineKind.valueOf("POSTGRESQL")).isSameAs(EngineKind.POSTGRESQL).hasToString("POSTGRESQL");
		assertThat(EngineKind.valueOf("FAKE_DB2")).isEqualTo(new EngineKind("FAKE_DB2"));
		assertThat(EngineKind.valueOf("FAKE_DB2").name()).isEqualTo("FAKE_DB2");
		assertThatThrownBy(() -> EngineKind.valueOf("postgresql")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EngineKind.valueOf("")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EngineKind.valueOf("A;B")).isInstanceOf(IllegalArgumentException.class);
		assertThat(EngineKind.valueOf("A234567890123456").name()).hasSize(16);
		assertThatThrownBy(() -> EngineKind.valueOf("A2345678901234567")).isInstanceOf(IllegalArgumentException.class);
	}

	/** Events and answers carry engine names as plain strings, and read back as the same values. */
	@Test
	void engineNamesAreJsonStrings() {
		JsonMapper json = JsonMapper.builder().build();
		record Carrier(EngineKind engine) {
		}
		assertThat(json.writeValueAsString(new Carrier(EngineKind.MYSQL))).isEqualTo("{\"engine\":\"MYSQL\"}");
		assertThat(json.readValue("{\"engine\":\"SQLITE\"}", Carrier.class).engine()).isSameAs(EngineKind.SQLITE);
		assertThat(json.readValue("{\"engine\":\"FAKEDB\"}", Carrier.class).engine())
			.isEqualTo(EngineKind.valueOf("FAKEDB"));
	}
}

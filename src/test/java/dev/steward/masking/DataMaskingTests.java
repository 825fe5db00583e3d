package dev.steward.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.steward.engine.ColumnOrigin;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.ResultColumn.ValueKind;
import dev.steward.engine.StatementResult;
import dev.steward.masking.internal.CatalogColumns.Catalog;
import dev.steward.masking.internal.CatalogColumns.Column;
import dev.steward.masking.internal.CompiledPolicy;
import dev.steward.masking.internal.PolicyStore;

/** The masking decisions on a result, without a database: traced, untraced, view-traced, catalog unknown. */
class DataMaskingTests {

	private static final UUID CONNECTION = UUID.randomUUID();

	private static final Catalog CATALOG = Catalog.of(List.of(new Column("public", "customer", "id", "integer"),
			new Column("public", "customer", "email", "text"), new Column("public", "plain", "note", "text")));

	private static CompiledPolicy emailColumn() {
		return CompiledPolicy.of(new PolicyStore.Stored(new MaskingPolicy(UUID.randomUUID(), "e-mail", CONNECTION,
				null, "public", "customer", "email", null, null, MaskKind.EMAIL, 0, 0, Instant.now(), "admin"), "s"));
	}

	private static DataMasking masking(@Nullable Catalog catalog, CompiledPolicy... policies) {
		return new DataMasking(CONNECTION, List.of(policies), List.of("db"), () -> Optional.ofNullable(catalog));
	}

	@Test
	void tracedColumnsTakeTheirPolicyUntracedOnesAreRedactedWhereMaskedColumnsLive() {
		DataMasking m = masking(CATALOG, emailColumn());
		List<List<@Nullable String>> rows = fetch(m, origins());
		assertThat(rows.getFirst()).containsExactly("1", "a***@example.com", "****", "****", "hello");
	}

	@Test
	void nothingIsMaskedWhereNoColumnIsAndEverythingWhenTheCatalogIsUnknown() {
		CompiledPolicy elsewhere = CompiledPolicy.of(new PolicyStore.Stored(new MaskingPolicy(UUID.randomUUID(), "x",
				CONNECTION, null, null, "other", "secret", null, null, MaskKind.REDACT, 0, 0, Instant.now(), "a"), "s"));
		assertThat(fetch(masking(CATALOG, elsewhere), origins()).getFirst()).containsExactly("1",
				"alice@example.com", "x", "x", "hello");
		assertThat(fetch(masking(null, emailColumn()), origins()).getFirst()).containsOnly("****");
		assertThat(fetch(DataMasking.none(), origins()).getFirst()).contains("alice@example.com");
	}

	@Test
	void rulesMatchNamesAndTypesAndChangesAreRefusedWhereMaskedColumnsLive() {
		CompiledPolicy rule = CompiledPolicy.of(new PolicyStore.Stored(new MaskingPolicy(UUID.randomUUID(), "mail",
				null, null, null, null, null, "e_?mail", "text", MaskKind.HASH, 0, 0, Instant.now(), "a"), "s"));
		DataMasking m = masking(CATALOG, rule);
		List<@Nullable String> row = fetch(m, origins()).getFirst();
		assertThat(row.get(1)).startsWith("h:");
		assertThat(row.get(0)).isEqualTo("1");
		assertThatThrownBy(() -> m.checkStatement("UPDATE plain SET note = 'x'")).isInstanceOf(MaskedDataRefused.class);
		m.checkStatement("SELECT * FROM customer");
		assertThat(m.message("invalid input syntax for type integer: \"alice@example.com\""))
			.doesNotContain("alice");
		assertThat(m.tableMasked("public", "customer")).isTrue();
		assertThat(m.tableMasked("public", "plain")).isFalse();
	}

	private static List<@Nullable ColumnOrigin> origins() {
		List<@Nullable ColumnOrigin> o = new ArrayList<>();
		o.add(new ColumnOrigin("public", "customer", "id"));
		o.add(new ColumnOrigin("public", "customer", "email"));
		o.add(null);
		o.add(new ColumnOrigin("public", "v_customer", "email"));
		o.add(new ColumnOrigin("public", "plain", "note"));
		return o;
	}

	private static List<List<@Nullable String>> fetch(DataMasking m, List<@Nullable ColumnOrigin> origins) {
		List<ResultColumn> columns = List.of(new ResultColumn("id", "int4", ValueKind.NUMBER),
				new ResultColumn("email", "text", ValueKind.TEXT), new ResultColumn("upper", "text", ValueKind.TEXT),
				new ResultColumn("email", "text", ValueKind.TEXT), new ResultColumn("note", "text", ValueKind.TEXT));
		List<List<@Nullable String>> rows = List.of(List.of("1", "alice@example.com", "x", "x", "hello"));
		StatementResult source = new StatementResult() {
			boolean done;

			@Override
			public List<ResultColumn> columns() {
				return columns;
			}

			@Override
			public List<@Nullable ColumnOrigin> origins() {
				return origins;
			}

			@Override
			public long updateCount() {
				return -1;
			}

			@Override
			public List<String> notices() {
				return List.of();
			}

			@Override
			public List<List<@Nullable String>> fetch(int max) {
				if (done) {
					return List.of();
				}
				done = true;
				return rows;
			}

			@Override
			public boolean exhausted() {
				return done;
			}

			@Override
			public void close() {
			}
		};
		return m.wrap(source).fetch(10);
	}
}

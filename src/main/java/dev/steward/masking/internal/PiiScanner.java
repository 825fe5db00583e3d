package dev.steward.masking.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.Engines;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.StatementResult;
import dev.steward.masking.MaskKind;
import dev.steward.masking.PiiKind;
import dev.steward.masking.PiiSuggestion;
import dev.steward.masking.internal.CatalogColumns.Catalog;
import dev.steward.masking.internal.CatalogColumns.Column;
import dev.steward.shared.InvalidInput;

/**
 * Samples a few rows of the tables of one database on a read-only session of its own, bounded in tables, rows and
 * time, and names the columns whose names or values look like personal data. Values never leave this class: only
 * counts do.
 */
@Component
public class PiiScanner {

	public static final int SAMPLE_ROWS = 50;

	public static final int MAX_TABLES = 200;

	static final Duration BUDGET = Duration.ofSeconds(30);

	private final Engines engines;

	private final CatalogColumns catalogs;

	PiiScanner(Engines engines, CatalogColumns catalogs) {
		this.engines = engines;
		this.catalogs = catalogs;
	}

	/** The outcome: suggestions and how many tables were sampled. */
	public record Scan(List<PiiSuggestion> suggestions, int tables, boolean truncated) {
	}

	public Scan scan(ResolvedConnection connection, String database, @Nullable String schema) {
		QueryCapability query = engines.findCapability(connection.engine(), QueryCapability.class)
			.orElseThrow(() -> new InvalidInput("connection", "This engine has no SQL console to sample with"));
		catalogs.forget();
		Catalog catalog = catalogs.of(connection, database)
			.orElseThrow(() -> new InvalidInput("database", "Could not read the tables of this database"));
		List<List<Column>> tables = catalog.tables().values().stream()
			.filter(t -> inScope(t.getFirst().schema(), database, schema, catalog))
			.sorted(java.util.Comparator.comparing((List<Column> t) -> t.getFirst().schema())
				.thenComparing(t -> t.getFirst().table()))
			.toList();
		boolean truncated = tables.size() > MAX_TABLES;
		long deadline = System.nanoTime() + BUDGET.toNanos();
		List<PiiSuggestion> out = new ArrayList<>();
		int sampled = 0;
		try (ConsoleSession session = query.open(connection.spec(), new ConsoleOptions(database, true))) {
			for (List<Column> table : tables.subList(0, Math.min(MAX_TABLES, tables.size()))) {
				if (System.nanoTime() > deadline) {
					truncated = true;
					break;
				}
				List<Column> candidates = table.stream().filter(PiiScanner::textual).toList();
				if (candidates.isEmpty()) {
					continue;
				}
				out.addAll(sample(query, session, database, table, candidates, deadline));
				sampled++;
			}
		}
		return new Scan(out, sampled, truncated);
	}

	private static boolean inScope(String tableSchema, String database, @Nullable String schema, Catalog catalog) {
		if (schema != null) {
			return tableSchema.equals(schema);
		}
		// engines without schemas list every database's tables: keep the asked one's
		boolean schemaIsDatabase = catalog.tables().values().stream()
			.anyMatch(t -> t.getFirst().schema().equals(database));
		return !schemaIsDatabase || tableSchema.equals(database);
	}

	private static boolean textual(Column c) {
		String t = c.type().toLowerCase(Locale.ROOT);
		return t.contains("char") || t.contains("text") || t.contains("string") || t.equals("name")
				|| PiiDetectors.kindOfName(c.name()).isPresent();
	}

	private List<PiiSuggestion> sample(QueryCapability query, ConsoleSession session, String database,
			List<Column> table, List<Column> candidates, long deadline) {
		Column first = table.getFirst();
		List<List<@Nullable String>> rows;
		Thread timer = Thread.ofVirtual().start(() -> {
			try {
				Thread.sleep(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				session.cancel();
			}
			catch (InterruptedException e) {
				// done in time
			}
		});
		try (StatementResult result = session.execute(query.selectAll(first.schema(), first.table()), SAMPLE_ROWS)) {
			rows = result.fetch(SAMPLE_ROWS);
		}
		catch (RuntimeException e) {
			return List.of(); // a table that cannot be read is no suggestion
		}
		finally {
			timer.interrupt();
		}
		List<PiiSuggestion> out = new ArrayList<>();
		for (Column c : candidates) {
			int index = table.indexOf(c);
			Map<PiiKind, Integer> hits = new EnumMap<>(PiiKind.class);
			int values = 0;
			for (List<@Nullable String> row : rows) {
				String v = index < row.size() ? row.get(index) : null;
				if (v == null || v.isBlank()) {
					continue;
				}
				values++;
				PiiDetectors.kindOf(v).ifPresent(k -> hits.merge(k, 1, Integer::sum));
			}
			Optional<PiiKind> byName = PiiDetectors.kindOfName(c.name());
			PiiKind best = hits.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
				.orElse(null);
			int matched = best == null ? 0 : hits.get(best);
			boolean byValues = best != null && matched >= Math.max(1, (values * 6 + 9) / 10);
			if (byValues || byName.isPresent()) {
				PiiKind kind = byValues ? best : byName.get();
				MaskKind mask = kind.suggestedMask();
				int keepLast = mask == MaskKind.PARTIAL ? 4 : 0;
				out.add(new PiiSuggestion(database, c.schema(), c.table(), c.name(), c.type(), kind,
						byName.isPresent(), byValues ? matched : hits.getOrDefault(kind, 0), values, mask,
						0, keepLast));
			}
		}
		return out;
	}
}

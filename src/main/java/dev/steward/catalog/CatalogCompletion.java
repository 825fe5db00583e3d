package dev.steward.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SchemaInfo;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.shared.PageResult;

/**
 * What the SQL editor completes: the schemas of a database and their tables, views and collections, from the live
 * catalog. Bounded for huge catalogs: at most {@link #MAX_TABLES} names (then {@code truncated}); columns are not
 * included, the editor asks for one table's columns (the object endpoint) when it needs them.
 */
@Service
public class CatalogCompletion {

	static final int MAX_TABLES = 2000;

	private static final int PAGE = 200;

	private static final Set<ObjectKind> RELATIONS = EnumSet.of(ObjectKind.TABLE, ObjectKind.PARTITIONED_TABLE,
			ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW, ObjectKind.FOREIGN_TABLE, ObjectKind.COLLECTION);

	public record CompletionTable(String name, String kind) {
	}

	public record CompletionSchema(String name, List<CompletionTable> tables) {
	}

	/** @param truncated whether names were left out because the catalog is larger than the editor is given */
	public record CompletionMap(String database, List<CompletionSchema> schemas, boolean truncated) {
	}

	private final CatalogBrowser browser;

	CatalogCompletion(CatalogBrowser browser) {
		this.browser = browser;
	}

	public CompletionMap of(UUID connectionId, String database) {
		List<SchemaInfo> schemas = browser.schemas(connectionId, database);
		List<CompletionSchema> out = new ArrayList<>();
		int left = MAX_TABLES;
		boolean truncated = false;
		for (SchemaInfo schema : schemas) {
			List<CompletionTable> tables = new ArrayList<>();
			for (int page = 0; left > 0; page++) {
				PageResult<ObjectSummary> objects = browser.objects(connectionId, new ObjectQuery(database,
						schema.name(), null, null, page, PAGE, SortKey.NAME, false));
				for (ObjectSummary o : objects.items()) {
					if (RELATIONS.contains(o.kind()) && left > 0) {
						tables.add(new CompletionTable(o.name(), o.kind().apiName()));
						left--;
					}
				}
				if (page + 1 >= objects.totalPages()) {
					break;
				}
			}
			truncated |= left == 0;
			out.add(new CompletionSchema(schema.name(), tables));
			if (left == 0) {
				truncated = true;
				break;
			}
		}
		return new CompletionMap(database, out, truncated || out.size() < schemas.size());
	}
}

package dev.steward.catalog.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.catalog.TableDataBrowser;
import dev.steward.catalog.TableDataBrowser.DataPage;
import dev.steward.catalog.TableDataBrowser.DataQuery;
import dev.steward.catalog.TableDataBrowser.TableRef;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.TableData.ChangeKind;
import dev.steward.engine.TableData.ChangeResult;
import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.FilterOp;
import dev.steward.engine.TableData.Paging;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.RowConflict;
import dev.steward.engine.TableData.Sort;
import dev.steward.engine.TableData.Statement;
import dev.steward.masking.DataMasking;
import dev.steward.masking.DataMasking.RowMasker;
import dev.steward.masking.MaskedDataRefused;
import dev.steward.masking.ResultMasking;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.web.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data grid of a table, view or collection. Reading and counting are open to every role (counting is a POST
 * because it may read a whole table); changes need OPERATOR or ADMIN and the right to write into the connection.
 * The table is named by query parameters (or body fields), like the catalog's {@code /object} endpoints.
 */
@RestController
@RequestMapping("/api/connections/{id}/data")
class TableDataController {

	static final int MAX_LIMIT = 500;

	private static final int MAX_NAME = 1024;

	private static final int MAX_FILTERS = 50;

	private static final int MAX_VALUES = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TableDataBrowser data;

	private final ResultMasking masking;

	TableDataController(TableDataBrowser data, ResultMasking masking) {
		this.data = data;
		this.masking = masking;
	}

	/**
	 * Refuses sorting or filtering by a column masked for the caller (the order or the matches would reveal its
	 * values), and any change to a table holding a masked column.
	 */
	private static void refuseMasked(DataMasking masked, String schema, String table, List<String> columns) {
		if (!masked.active() || columns.isEmpty()) {
			return;
		}
		RowMasker m = masked.forTable(schema, table, columns.stream()
			.map(c -> new ResultColumn(c, "", ResultColumn.ValueKind.TEXT)).toList());
		for (String c : columns) {
			if (m.masks(c)) {
				throw new MaskedDataRefused("Column " + c + " is masked for your role: it cannot be sorted or filtered by");
			}
		}
	}

	/**
	 * @param paging {@code keyset} when rows are paged by a key, {@code offset} when the relation has none (rows may
	 *               then shift between pages if the table changes)
	 * @param next   the {@code after} cursor of the next page; null on the last page
	 */
	record DataView(String kind, List<ResultColumn> columns, List<List<@Nullable String>> rows, String paging,
			List<String> key, boolean editable, boolean hasMore, @Nullable String next) {
	}

	/** {@code filter} is a JSON array of {@code {"column", "op", "value" | "values"}}. */
	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	DataView read(@PathVariable UUID id, @RequestParam String database, @RequestParam String schema,
			@RequestParam String table, @RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) @Nullable String sort,
			@RequestParam(defaultValue = "false") boolean desc, @RequestParam(required = false) @Nullable String filter) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
		}
		DataCursor cursor = DataCursor.decode(after);
		Sort order = sort == null || sort.isEmpty() ? null : new Sort(name("sort", sort), desc);
		List<Filter> filters = filters(filter == null ? null : parse("filter", filter));
		DataMasking masked = masking.forCurrentUser(id, database);
		List<String> used = new ArrayList<>(filters.stream().map(Filter::column).toList());
		if (order != null) {
			used.add(order.column());
		}
		refuseMasked(masked, schema, table, used);
		DataPage page = data.read(id, ref(database, schema, table),
				new DataQuery(order, filters, cursor.after(), cursor.offset(), limit));
		var p = page.page();
		RowMasker rows = masked.forTable(schema, table, p.columns());
		// a keyset cursor carries the key's values: none for a caller whose key columns are masked (first page only)
		boolean keyMasked = page.relation().key().stream().anyMatch(rows::masks);
		String next = !p.hasMore() || p.paging() == Paging.KEYSET && keyMasked ? null
				: p.paging() == Paging.KEYSET ? DataCursor.keyset(p.nextAfter())
						: DataCursor.offset(cursor.offset() + p.rows().size());
		return new DataView(page.relation().kind().apiName(), p.columns(),
				rows.any() ? p.rows().stream().map(rows::row).toList() : p.rows(),
				p.paging().name().toLowerCase(Locale.ROOT), page.relation().key(),
				page.editable() && !(rows.any() && masked.tableMasked(schema, table)), p.hasMore(), next);
	}

	record CountRequest(String database, String schema, String table, @Nullable JsonNode filters) {
	}

	record CountView(long count) {
	}

	@PostMapping("/count")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	CountView count(@PathVariable UUID id, @RequestBody CountRequest request) {
		List<Filter> filters = filters(request.filters());
		refuseMasked(masking.forCurrentUser(id, request.database()), String.valueOf(request.schema()),
				String.valueOf(request.table()), filters.stream().map(Filter::column).toList());
		return new CountView(data.count(id, ref(request.database(), request.schema(), request.table()), filters));
	}

	/**
	 * One change: {@code kind} is update, insert or delete; {@code key} the row's key values, {@code original} the
	 * values the client saw (the row must still hold them), {@code values} the new values. A JSON null is SQL NULL.
	 */
	record ChangeInput(String kind, @Nullable Map<String, @Nullable String> key,
			@Nullable Map<String, @Nullable String> original, @Nullable Map<String, @Nullable String> values) {
	}

	record ChangesRequest(String database, String schema, String table, boolean dryRun,
			@Nullable List<ChangeInput> changes) {
	}

	/** {@code statements} always (what runs, placeholders and their values); counts only when applied. */
	record ChangesView(boolean applied, List<Statement> statements, @Nullable ChangeResult result) {
	}

	@PostMapping("/changes")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ChangesView changes(@PathVariable UUID id, @RequestBody ChangesRequest request) {
		TableRef ref = ref(request.database(), request.schema(), request.table());
		if (masking.forCurrentUser(id, request.database()).tableMasked(request.schema(), request.table())) {
			throw new MaskedDataRefused("This table holds columns masked for your role: it cannot be changed here");
		}
		List<RowChange> changes = changes(request.changes());
		List<Statement> statements = data.preview(id, ref, changes);
		if (request.dryRun()) {
			return new ChangesView(false, statements, null);
		}
		return new ChangesView(true, statements, data.apply(id, ref, changes));
	}

	private static List<RowChange> changes(@Nullable List<ChangeInput> input) {
		if (input == null) {
			throw new InvalidInput("changes", "is required");
		}
		List<RowChange> out = new ArrayList<>();
		for (int i = 0; i < input.size(); i++) {
			ChangeInput c = input.get(i);
			ChangeKind kind;
			try {
				kind = ChangeKind.valueOf(String.valueOf(c.kind()).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInput("changes[" + i + "].kind", "must be update, insert or delete");
			}
			out.add(new RowChange(kind, values(c.key()), values(c.original()), values(c.values())));
		}
		return out;
	}

	private static Map<String, @Nullable String> values(@Nullable Map<String, @Nullable String> map) {
		Map<String, @Nullable String> out = new LinkedHashMap<>();
		if (map != null) {
			map.forEach((k, v) -> out.put(name("column", k), v));
		}
		return out;
	}

	private static JsonNode parse(String field, String json) {
		try {
			return JSON.readTree(json);
		}
		catch (RuntimeException e) {
			throw new InvalidInput(field, "must be a JSON array of {column, op, value}");
		}
	}

	private static List<Filter> filters(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray() || node.size() > MAX_FILTERS) {
			throw new InvalidInput("filter", "must be a JSON array of at most " + MAX_FILTERS + " filters");
		}
		List<Filter> out = new ArrayList<>();
		for (JsonNode f : node) {
			FilterOp op = op(f.path("op").asString(""));
			List<@Nullable String> values = new ArrayList<>();
			if (op == FilterOp.IN) {
				JsonNode list = f.path("values");
				if (!list.isArray() || list.isEmpty() || list.size() > MAX_VALUES) {
					throw new InvalidInput("filter", "'in' takes 1 to " + MAX_VALUES + " values");
				}
				list.forEach(v -> values.add(v.isNull() ? null : v.asString()));
			}
			else if (!op.unary()) {
				JsonNode v = f.path("value");
				if (v.isMissingNode() || v.isNull()) {
					throw new InvalidInput("filter", "'" + op.name().toLowerCase(Locale.ROOT)
							+ "' takes a value (use is_null for NULL)");
				}
				values.add(v.asString());
			}
			out.add(new Filter(name("filter", f.path("column").asString("")), op, values));
		}
		return out;
	}

	private static FilterOp op(String op) {
		try {
			return FilterOp.valueOf(op.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("filter", "op must be one of eq, ne, lt, le, gt, ge, contains, starts_with, "
					+ "is_null, not_null, in");
		}
	}

	private static TableRef ref(@Nullable String database, @Nullable String schema, @Nullable String table) {
		return new TableRef(name("database", database), name("schema", schema), name("table", table));
	}

	/** Names are checked against the catalog further down; here only their shape. */
	private static String name(String field, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidInput(field, "must not be empty");
		}
		if (value.length() > MAX_NAME || value.indexOf('\0') >= 0) {
			throw new InvalidInput(field, "must be at most " + MAX_NAME + " characters, without NUL");
		}
		return value;
	}

	/** The row changed since the client read it: 409 naming the row; nothing was written. */
	@ExceptionHandler(RowConflict.class)
	ProblemDetail conflict(RowConflict e) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "row-changed", "The row changed meanwhile",
				e.getMessage());
		problem.setProperty("change", e.index());
		return problem;
	}

	/** The database refused a statement (a constraint, a type): 422 in its words; nothing was written. */
	@ExceptionHandler(StatementFailed.class)
	ProblemDetail failed(StatementFailed e) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "statement-failed",
				"The database refused the change", e.getMessage());
		if (e.sqlState() != null) {
			problem.setProperty("sqlState", e.sqlState());
		}
		return problem;
	}
}

package dev.steward.catalog.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.catalog.CatalogBrowser;
import dev.steward.catalog.CatalogBrowser.ExactCount;
import dev.steward.catalog.CatalogDiagram;
import dev.steward.catalog.CatalogDiagram.ErDiagram;
import dev.steward.catalog.CatalogSync;
import dev.steward.catalog.CatalogSync.SnapshotView;
import dev.steward.catalog.CatalogSync.SyncResult;
import dev.steward.catalog.web.CatalogViews.DatabaseInfo;
import dev.steward.catalog.web.CatalogViews.ObjectDetail;
import dev.steward.catalog.web.CatalogViews.ObjectSummary;
import dev.steward.catalog.web.CatalogViews.SchemaInfo;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;

/**
 * The live catalog of one connection. Reads are GETs open to every role; the exact count is a POST (it runs
 * a statement on the target and is audited) but read-only, so VIEWERs may run it too; sync is for operators.
 * Object names travel as query parameters on {@code /object…} (any character, including {@code /} and
 * {@code ;}, which a path segment cannot carry); {@code /objects/{name}} is the same for ordinary names.
 */
@RestController
@RequestMapping("/api/connections/{id}/catalog")
class CatalogController {

	private static final int MAX_NAME = 1024;

	private final CatalogBrowser browser;

	private final CatalogSync sync;

	private final dev.steward.catalog.CatalogCompletion completion;

	private final CatalogDiagram diagram;

	CatalogController(CatalogBrowser browser, CatalogSync sync, dev.steward.catalog.CatalogCompletion completion,
			CatalogDiagram diagram) {
		this.browser = browser;
		this.sync = sync;
		this.completion = completion;
		this.diagram = diagram;
	}

	@GetMapping("/databases")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	List<DatabaseInfo> databases(@PathVariable UUID id) {
		return browser.databases(id).stream().map(DatabaseInfo::of).toList();
	}

	@GetMapping("/schemas")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	List<SchemaInfo> schemas(@PathVariable UUID id, @RequestParam String database) {
		return browser.schemas(id, name("database", database)).stream().map(SchemaInfo::of).toList();
	}

	/**
	 * The schemas of a database with their tables, views and collections, for the SQL editor's completion; at most
	 * 2000 names ({@code truncated} says when more exist). Columns: the object endpoint, per table.
	 */
	@GetMapping("/completion")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	dev.steward.catalog.CatalogCompletion.CompletionMap completion(@PathVariable UUID id,
			@RequestParam String database) {
		return completion.of(id, name("database", database));
	}

	/**
	 * The ER diagram of one schema: its tables with their key columns and the foreign keys between them, read
	 * live (at most 5000 tables, then {@code truncated}).
	 */
	@GetMapping("/er")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ErDiagram er(@PathVariable UUID id, @RequestParam String database, @RequestParam String schema) {
		return diagram.of(id, name("database", database), name("schema", schema));
	}

	@GetMapping("/objects")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	PageResult<ObjectSummary> objects(@PathVariable UUID id, @RequestParam String database,
			@RequestParam String schema, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, @RequestParam(defaultValue = "name") String sort) {
		if (page < 0) {
			throw new InvalidInput("page", "must be 0 or more");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "must be between 1 and 200");
		}
		if (q != null && q.length() > 200) {
			throw new InvalidInput("q", "must be at most 200 characters");
		}
		String[] sortParts = sort.split(",", 2);
		String key = sortParts[0].trim().toLowerCase(Locale.ROOT);
		boolean descending = key.startsWith("-")
				|| (sortParts.length == 2 && sortParts[1].trim().equalsIgnoreCase("desc"));
		SortKey sortKey = switch (key.replace("-", "")) {
			case "name" -> SortKey.NAME;
			case "rows" -> SortKey.ROWS;
			case "size" -> SortKey.SIZE;
			default -> throw new InvalidInput("sort", "must be name, rows or size, optionally followed by ,desc");
		};
		return browser.objects(id, new ObjectQuery(name("database", database), name("schema", schema), kind(kind),
				q == null || q.isBlank() ? null : q, page, size, sortKey, descending)).map(ObjectSummary::of);
	}

	/**
	 * One object. {@code parent} (the table of a trigger) and {@code signature} (a routine's argument types, as
	 * the object list gives them) pick one of several objects that share a name in a schema.
	 */
	@GetMapping({ "/objects/{name}", "/object" })
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ObjectDetail object(@PathVariable UUID id, @PathVariable(name = "name", required = false) @Nullable String path,
			@RequestParam(name = "name", required = false) @Nullable String param, @RequestParam String database,
			@RequestParam String schema, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String parent,
			@RequestParam(required = false) @Nullable String signature) {
		return ObjectDetail.of(browser.object(id, ref(path, param, database, schema, kind, parent, signature)));
	}

	record DdlView(String ddl, String language) {
	}

	@GetMapping({ "/objects/{name}/ddl", "/object/ddl" })
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	DdlView ddl(@PathVariable UUID id, @PathVariable(name = "name", required = false) @Nullable String path,
			@RequestParam(name = "name", required = false) @Nullable String param, @RequestParam String database,
			@RequestParam String schema, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String parent,
			@RequestParam(required = false) @Nullable String signature) {
		String ddl = browser.ddl(id, ref(path, param, database, schema, kind, parent, signature));
		return new DdlView(ddl, browser.ddlLanguage(id).code());
	}

	@PostMapping({ "/objects/{name}/count", "/object/count" })
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ExactCount count(@PathVariable UUID id, @PathVariable(name = "name", required = false) @Nullable String path,
			@RequestParam(name = "name", required = false) @Nullable String param, @RequestParam String database,
			@RequestParam String schema) {
		return browser.exactCount(id, ref(path, param, database, schema, null, null, null));
	}

	@PostMapping("/sync")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	SyncResult sync(@PathVariable UUID id) {
		return sync.sync(id);
	}

	@GetMapping("/snapshots")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	PageResult<SnapshotView> snapshots(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > 200) {
			throw new InvalidInput(page < 0 ? "page" : "size", page < 0 ? "must be 0 or more" : "must be between 1 and 200");
		}
		return sync.history(id, page, size);
	}

	private static ObjectRef ref(@Nullable String path, @Nullable String param, String database, String schema,
			@Nullable String kind, @Nullable String parent, @Nullable String signature) {
		String name = param != null ? param : path;
		if (name == null) {
			throw new InvalidInput("name", "is required");
		}
		return new ObjectRef(name("database", database), name("schema", schema), name("name", name), kind(kind),
				parent == null || parent.isEmpty() ? null : name("parent", parent), signature(signature));
	}

	/** A routine without arguments has the empty signature, so empty is a value here, unlike for names. */
	private static @Nullable String signature(@Nullable String signature) {
		if (signature == null) {
			return null;
		}
		if (signature.length() > MAX_NAME * 4) {
			throw new InvalidInput("signature", "must be at most " + MAX_NAME * 4 + " characters");
		}
		if (signature.indexOf('\0') >= 0) {
			throw new InvalidInput("signature", "must not contain NUL");
		}
		return signature;
	}

	private static @Nullable ObjectKind kind(@Nullable String kind) {
		if (kind == null || kind.isBlank()) {
			return null;
		}
		try {
			return ObjectKind.fromApi(kind);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("kind", "must be one of " + String.join(", ",
					java.util.Arrays.stream(ObjectKind.values()).map(ObjectKind::apiName).toList()));
		}
	}

	/** Names are values (bound or engine-quoted further down); here only their shape is checked. */
	private static String name(String field, String value) {
		if (value.isEmpty()) {
			throw new InvalidInput(field, "must not be empty");
		}
		if (value.length() > MAX_NAME) {
			throw new InvalidInput(field, "must be at most " + MAX_NAME + " characters");
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidInput(field, "must not contain NUL");
		}
		return value;
	}
}

package dev.steward.engine.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.SchemaExport.ObjectKind;
import dev.steward.engine.SchemaExport.Options;

/**
 * Decides which entries of a {@code pg_restore --list} table of contents go into a schema export: each object kind
 * can be toggled, and with a subset of tables only those tables and what belongs to them (defaults, keys, indexes,
 * triggers, the sequences their defaults use) stay. Entries this does not know (schema, extensions, encoding
 * settings) stay, so the script still loads.
 */
final class PostgresTocFilter {

	/** Longest first: "TABLE DATA" before "TABLE". */
	private static final List<String> DESCRIPTIONS = List.of("MATERIALIZED VIEW DATA", "SEQUENCE OWNED BY",
			"MATERIALIZED VIEW", "CHECK CONSTRAINT", "FK CONSTRAINT", "EVENT TRIGGER", "SEQUENCE SET", "TABLE ATTACH",
			"INDEX ATTACH", "ROW SECURITY", "TABLE DATA", "CONSTRAINT", "PROCEDURE", "AGGREGATE", "FUNCTION",
			"SEQUENCE", "TRIGGER", "SCHEMA", "DEFAULT", "COMMENT", "DOMAIN", "POLICY", "INDEX", "TABLE", "VIEW", "TYPE", "RULE",
			"ACL");

	/** What the catalog says about the schema, for entries whose tag alone does not name their table. */
	record Lookups(Map<String, String> indexTable, Map<String, Set<String>> sequenceTables,
			Set<String> sequenceDefaults, Map<String, String> foreignKeyTarget,
			Map<String, Set<String>> routineRelations) {
	}

	/** One parsed entry line: {@code <id>; <tableoid> <oid> <desc> <namespace> <tag> <owner>}. */
	record Entry(String line, String desc, String tag) {
	}

	private final Options options;

	private final Lookups lookups;

	PostgresTocFilter(Options options, Lookups lookups) {
		this.options = options;
		this.lookups = lookups;
	}

	/** The entries to keep, as lines for {@code --use-list}; comment lines are dropped. */
	List<String> filter(List<String> toc) {
		List<String> kept = new ArrayList<>();
		for (String line : toc) {
			Entry e = parse(line);
			if (e != null && keep(e)) {
				kept.add(line);
			}
		}
		return kept;
	}

	static @Nullable Entry parse(String line) {
		if (line.isBlank() || line.startsWith(";")) {
			return null;
		}
		int semi = line.indexOf("; ");
		if (semi < 0) {
			return null;
		}
		String rest = line.substring(semi + 2);
		// two numbers: table oid and oid
		String[] parts = rest.split(" ", 3);
		if (parts.length < 3) {
			return null;
		}
		String body = parts[2];
		for (String desc : DESCRIPTIONS) {
			if (body.startsWith(desc + " ")) {
				String afterDesc = body.substring(desc.length() + 1);
				int space = afterDesc.indexOf(' ');
				String tagAndOwner = space < 0 ? "" : afterDesc.substring(space + 1);
				int ownerAt = tagAndOwner.lastIndexOf(' ');
				String tag = ownerAt < 0 ? tagAndOwner : tagAndOwner.substring(0, ownerAt);
				return new Entry(line, desc, tag);
			}
		}
		return new Entry(line, "OTHER", body);
	}

	boolean keep(Entry e) {
		String tag = e.tag();
		return switch (e.desc()) {
			case "TABLE", "TABLE DATA", "TABLE ATTACH" -> options.selected(tag);
			case "DEFAULT" -> ownTable(tag) && (options.includes(ObjectKind.SEQUENCES)
					|| !lookups.sequenceDefaults().contains(tag));
			case "CONSTRAINT", "CHECK CONSTRAINT", "RULE", "POLICY", "ROW SECURITY" -> ownTable(tag);
			case "FK CONSTRAINT" -> ownTable(tag) && referencedSelected(tag);
			case "INDEX", "INDEX ATTACH" -> options.includes(ObjectKind.INDEXES)
					&& options.selected(lookups.indexTable().getOrDefault(tag, tag));
			case "TRIGGER" -> options.includes(ObjectKind.TRIGGERS) && ownTable(tag);
			case "EVENT TRIGGER" -> options.includes(ObjectKind.TRIGGERS) && options.tables().isEmpty();
			case "SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET" -> options.includes(ObjectKind.SEQUENCES)
					&& sequenceSelected(tag);
			case "VIEW", "MATERIALIZED VIEW", "MATERIALIZED VIEW DATA" -> options.includes(ObjectKind.VIEWS)
					&& options.tables().isEmpty();
			case "FUNCTION", "PROCEDURE", "AGGREGATE" -> options.includes(ObjectKind.ROUTINES) && routineSelected(tag);
			case "TYPE", "DOMAIN" -> options.includes(ObjectKind.TYPES);
			case "COMMENT" -> keepComment(tag);
			case "ACL" -> false;
			// every database has public: creating (or with --clean dropping) it again would fail the load
			case "SCHEMA" -> !tag.equals("public");
			default -> true;
		};
	}

	/** Tags such as "actor actor_pkey" start with their table's name. */
	private boolean ownTable(String tag) {
		if (options.tables().isEmpty()) {
			return true;
		}
		return options.tables().stream().anyMatch(t -> tag.startsWith(t + " "));
	}

	private boolean referencedSelected(String tag) {
		String target = lookups.foreignKeyTarget().get(tag);
		return target == null || options.selected(target);
	}

	/**
	 * With a subset, a routine whose types or body use a table or view outside it stays out (it would not load);
	 * overloads share the decision, since the list names a routine by its argument types in the tool's spelling.
	 */
	private boolean routineSelected(String tag) {
		if (options.tables().isEmpty()) {
			return true;
		}
		int paren = tag.indexOf('(');
		String name = paren < 0 ? tag : tag.substring(0, paren);
		return lookups.routineRelations().getOrDefault(name, Set.of()).stream().allMatch(options::selected);
	}

	private boolean sequenceSelected(String sequence) {
		if (options.tables().isEmpty()) {
			return true;
		}
		return lookups.sequenceTables().getOrDefault(sequence, Set.of()).stream().anyMatch(options::selected);
	}

	/** A comment goes with what it is on: "TABLE actor", "COLUMN actor.actor_id", "VIEW v", "FUNCTION f(…)". */
	private boolean keepComment(String tag) {
		String[][] kinds = { { "MATERIALIZED VIEW ", "VIEW" }, { "VIEW ", "VIEW" }, { "FUNCTION ", "ROUTINE" },
				{ "PROCEDURE ", "ROUTINE" }, { "AGGREGATE ", "ROUTINE" }, { "TYPE ", "TYPE" }, { "DOMAIN ", "TYPE" },
				{ "TRIGGER ", "TRIGGER" }, { "INDEX ", "INDEX" }, { "SEQUENCE ", "SEQUENCE" }, { "TABLE ", "TABLE" },
				{ "COLUMN ", "COLUMN" } };
		for (String[] k : kinds) {
			if (!tag.startsWith(k[0])) {
				continue;
			}
			String name = tag.substring(k[0].length());
			return switch (k[1]) {
				case "VIEW" -> options.includes(ObjectKind.VIEWS) && options.tables().isEmpty();
				case "ROUTINE" -> options.includes(ObjectKind.ROUTINES);
				case "TYPE" -> options.includes(ObjectKind.TYPES);
				case "TRIGGER" -> options.includes(ObjectKind.TRIGGERS) && options.tables().isEmpty();
				case "INDEX" -> options.includes(ObjectKind.INDEXES)
						&& options.selected(lookups.indexTable().getOrDefault(name, name));
				case "SEQUENCE" -> options.includes(ObjectKind.SEQUENCES) && sequenceSelected(name);
				case "TABLE" -> options.selected(name);
				default -> options.tables().isEmpty()
						|| options.tables().stream().anyMatch(t -> name.startsWith(t + "."));
			};
		}
		return options.tables().isEmpty();
	}
}

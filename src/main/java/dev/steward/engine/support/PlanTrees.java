package dev.steward.engine.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PlanNode;
import dev.steward.engine.QueryPlan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns each engine's plan output into the common {@link PlanNode} tree. */
public final class PlanTrees {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** PostgreSQL fields that the common node carries itself; the rest go to details. */
	private static final Set<String> PG_OWN = Set.of("Node Type", "Plans", "Relation Name", "Index Name", "CTE Name",
			"Function Name", "Plan Rows", "Actual Rows", "Actual Loops", "Total Cost", "Actual Total Time");

	/** MariaDB/MySQL objects that describe a node rather than being one. */
	private static final Set<String> MYSQL_DETAIL_OBJECTS = Set.of("cost_info", "r_engine_stats", "used_columns",
			"possible_keys", "key_length", "used_key_parts", "ref", "r_buffer_size");

	private PlanTrees() {
	}

	/** {@code EXPLAIN (FORMAT JSON …)}'s single value. */
	public static QueryPlan postgres(String raw, boolean analyzed) {
		JsonNode top = JSON.readTree(raw).get(0);
		PlanNode root = postgresNode(top.get("Plan"));
		return new QueryPlan(List.of(root), analyzed, number(top.get("Planning Time")),
				number(top.get("Execution Time")), raw);
	}

	private static PlanNode postgresNode(JsonNode plan) {
		Map<String, String> details = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : plan.properties()) {
			if (!PG_OWN.contains(field.getKey())) {
				details.put(field.getKey(), text(field.getValue()));
			}
		}
		List<PlanNode> children = new ArrayList<>();
		if (plan.has("Plans")) {
			plan.get("Plans").forEach(child -> children.add(postgresNode(child)));
		}
		Double loops = number(plan.get("Actual Loops"));
		Double actualRows = number(plan.get("Actual Rows"));
		Double time = number(plan.get("Actual Total Time"));
		String relation = firstText(plan, "Relation Name", "Index Name", "CTE Name", "Function Name");
		if (relation != null && plan.has("Index Name") && plan.has("Relation Name")) {
			relation = plan.get("Relation Name").asString() + " using " + plan.get("Index Name").asString();
		}
		String type = plan.path("Node Type").asString("?");
		if (type.equals("ModifyTable") && plan.has("Operation")) {
			type = plan.get("Operation").asString(); // "Delete", "Update" …: as EXPLAIN's text format names it
		}
		return new PlanNode(type, relation, number(plan.get("Plan Rows")),
				times(actualRows, loops), number(plan.get("Total Cost")), times(time, loops), details, children);
	}

	/** {@code EXPLAIN FORMAT=JSON} or {@code ANALYZE FORMAT=JSON}: nested objects named by what they do. */
	public static QueryPlan mysql(String raw, boolean analyzed) {
		JsonNode top = JSON.readTree(raw);
		List<PlanNode> roots = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : top.properties()) {
			roots.addAll(mysqlNodes(field.getKey(), field.getValue()));
		}
		Double execution = analyzed && top.has("query_block")
				? number(top.get("query_block").get("r_total_time_ms")) : null;
		return new QueryPlan(roots, analyzed, null, execution, raw);
	}

	private static List<PlanNode> mysqlNodes(String kind, JsonNode value) {
		List<PlanNode> nodes = new ArrayList<>();
		if (value.isObject()) {
			nodes.add(mysqlNode(kind, value));
		}
		else if (value.isArray()) {
			for (JsonNode element : value) {
				if (element.isObject() && element.size() == 1 && element.properties().iterator().next().getValue()
					.isObject()) {
					Map.Entry<String, JsonNode> only = element.properties().iterator().next();
					nodes.addAll(mysqlNodes(only.getKey(), only.getValue()));
				}
				else if (element.isObject()) {
					nodes.add(mysqlNode(kind, element));
				}
			}
		}
		return nodes;
	}

	private static PlanNode mysqlNode(String kind, JsonNode object) {
		Map<String, String> details = new LinkedHashMap<>();
		List<PlanNode> children = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			JsonNode v = field.getValue();
			boolean nested = v.isObject() || v.isArray() && v.size() > 0 && v.get(0).isObject();
			if (nested && !MYSQL_DETAIL_OBJECTS.contains(field.getKey())) {
				children.addAll(mysqlNodes(field.getKey(), v));
			}
			else {
				details.put(field.getKey(), text(v));
			}
		}
		Double cost = number(object.get("cost"));
		if (cost == null && object.has("cost_info")) {
			cost = number(object.get("cost_info").get("query_cost"));
		}
		Double loops = number(object.get("r_loops"));
		Double actual = number(object.get("r_rows"));
		String type = kind.equals("table") && object.has("access_type")
				? "table (" + object.get("access_type").asString() + ")" : kind;
		Double rows = number(object.get("rows"));
		if (rows == null) {
			rows = number(object.get("rows_examined_per_scan"));
		}
		return new PlanNode(type, object.has("table_name") ? object.get("table_name").asString() : null, rows,
				times(actual, loops), cost, number(object.get("r_total_time_ms")), details, children);
	}

	/**
	 * SQLite's {@code EXPLAIN QUERY PLAN} rows ({@code id, parent, notused, detail}) into a tree by parent id.
	 */
	public static QueryPlan sqlite(List<List<@Nullable String>> rows) {
		Map<String, List<List<@Nullable String>>> byParent = new LinkedHashMap<>();
		StringBuilder raw = new StringBuilder();
		for (List<@Nullable String> row : rows) {
			byParent.computeIfAbsent(String.valueOf(row.get(1)), k -> new ArrayList<>()).add(row);
			raw.append(row.get(0)).append('\t').append(row.get(1)).append('\t').append(row.get(3)).append('\n');
		}
		return new QueryPlan(sqliteChildren("0", byParent), false, null, null, raw.toString());
	}

	private static List<PlanNode> sqliteChildren(String parent, Map<String, List<List<@Nullable String>>> byParent) {
		List<PlanNode> nodes = new ArrayList<>();
		for (List<@Nullable String> row : byParent.getOrDefault(parent, List.of())) {
			String detail = row.get(3) == null ? "" : row.get(3);
			String[] words = detail.split(" ");
			String type = words[0];
			String relation = null;
			if ((type.equals("SCAN") || type.equals("SEARCH")) && words.length > 1) {
				relation = words[1];
			}
			nodes.add(new PlanNode(type.isEmpty() ? "?" : type, relation, null, null, null, null,
					Map.of("detail", detail), sqliteChildren(String.valueOf(row.get(0)), byParent)));
		}
		return nodes;
	}

	private static @Nullable Double times(@Nullable Double value, @Nullable Double loops) {
		return value == null ? null : loops == null ? value : value * loops;
	}

	private static @Nullable Double number(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.asDouble();
		}
		try {
			return node.isString() ? Double.valueOf(node.asString()) : null;
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static @Nullable String firstText(JsonNode node, String... names) {
		for (String name : names) {
			if (node.has(name)) {
				return node.get(name).asString();
			}
		}
		return null;
	}

	private static String text(JsonNode value) {
		return value.isValueNode() ? value.asString() : value.toString();
	}
}

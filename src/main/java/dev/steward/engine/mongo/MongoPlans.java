package dev.steward.engine.mongo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

import dev.steward.engine.PlanNode;
import dev.steward.engine.QueryPlan;

/**
 * MongoDB's {@code explain} output as the engine-neutral plan tree. A find (or an aggregation the server pushed
 * down whole) is one tree of stages ({@code winningPlan}, or with statistics {@code executionStats.executionStages})
 * linked by {@code inputStage}/{@code inputStages}; an aggregation that was not pushed down lists its pipeline in
 * {@code stages}, the first a {@code $cursor} holding such a tree: the last stage becomes the root, each stage fed by
 * the one before.
 */
final class MongoPlans {

	private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

	/** Fields that are the node itself, its children or its figures; every other one goes to the details. */
	private static final Set<String> OWN = Set.of("stage", "inputStage", "inputStages", "indexName", "nReturned",
			"executionTimeMillisEstimate", "executionTimeMillis", "queryPlan", "slotBasedPlan");

	private MongoPlans() {
	}

	static QueryPlan of(BsonDocument explained, boolean analyzed) {
		String collection = collection(explained);
		List<PlanNode> roots = new ArrayList<>();
		if (explained.containsKey("stages") && explained.get("stages").isArray()) {
			PlanNode below = null;
			for (BsonValue stage : explained.getArray("stages")) {
				if (stage.isDocument()) {
					below = pipelineStage(stage.asDocument(), below, collection, analyzed);
				}
			}
			if (below != null) {
				roots.add(below);
			}
		}
		else {
			PlanNode tree = cursorTree(explained, collection, analyzed);
			if (tree != null) {
				roots.add(tree);
			}
		}
		Double executionMillis = null;
		if (analyzed && explained.isDocument("executionStats")) {
			executionMillis = number(explained.getDocument("executionStats"), "executionTimeMillis");
		}
		return new QueryPlan(roots, analyzed, null, executionMillis, explained.toJson(JSON));
	}

	/** The tree of a find: the executed stages with their figures when analyzed, else the winning plan. */
	private static @Nullable PlanNode cursorTree(BsonDocument explained, @Nullable String collection,
			boolean analyzed) {
		if (analyzed && explained.isDocument("executionStats")
				&& explained.getDocument("executionStats").isDocument("executionStages")) {
			return stageNode(explained.getDocument("executionStats").getDocument("executionStages"), collection);
		}
		if (explained.isDocument("queryPlanner")
				&& explained.getDocument("queryPlanner").isDocument("winningPlan")) {
			BsonDocument winning = explained.getDocument("queryPlanner").getDocument("winningPlan");
			// the slot-based engine (MongoDB 7+) wraps the classic tree in queryPlan
			return stageNode(winning.isDocument("queryPlan") ? winning.getDocument("queryPlan") : winning,
					collection);
		}
		return null;
	}

	private static PlanNode pipelineStage(BsonDocument stage, @Nullable PlanNode below, @Nullable String collection,
			boolean analyzed) {
		String name = stage.keySet().stream().filter(k -> k.startsWith("$")).findFirst().orElse("stage");
		List<PlanNode> children = new ArrayList<>();
		if (below != null) {
			children.add(below);
		}
		Map<String, String> details = new LinkedHashMap<>();
		if (name.equals("$cursor") && stage.isDocument(name)) {
			BsonDocument cursor = stage.getDocument(name);
			PlanNode tree = cursorTree(cursor, collection(cursor) != null ? collection(cursor) : collection, analyzed);
			if (tree != null) {
				children.add(tree);
			}
		}
		else {
			details.put("spec", text(stage.get(name)));
		}
		return new PlanNode(name, null, null, number(stage, "nReturned"), null,
				number(stage, "executionTimeMillisEstimate"), details, children);
	}

	private static PlanNode stageNode(BsonDocument stage, @Nullable String collection) {
		String type = stage.containsKey("stage") && stage.isString("stage") ? stage.getString("stage").getValue()
				: "stage";
		String relation = stage.isString("indexName") ? stage.getString("indexName").getValue()
				: type.equals("COLLSCAN") ? collection : null;
		Map<String, String> details = new LinkedHashMap<>();
		for (Map.Entry<String, BsonValue> e : stage.entrySet()) {
			if (!OWN.contains(e.getKey())) {
				details.put(e.getKey(), text(e.getValue()));
			}
		}
		List<PlanNode> children = new ArrayList<>();
		if (stage.isDocument("inputStage")) {
			children.add(stageNode(stage.getDocument("inputStage"), collection));
		}
		if (stage.isArray("inputStages")) {
			for (BsonValue child : stage.getArray("inputStages")) {
				if (child.isDocument()) {
					children.add(stageNode(child.asDocument(), collection));
				}
			}
		}
		return new PlanNode(type, relation, null, number(stage, "nReturned"), null,
				number(stage, "executionTimeMillisEstimate"), details, children);
	}

	/** The collection of {@code queryPlanner.namespace} ({@code db.collection}), if given. */
	private static @Nullable String collection(BsonDocument explained) {
		if (explained.isDocument("queryPlanner") && explained.getDocument("queryPlanner").isString("namespace")) {
			String ns = explained.getDocument("queryPlanner").getString("namespace").getValue();
			int dot = ns.indexOf('.');
			return dot < 0 ? ns : ns.substring(dot + 1);
		}
		return null;
	}

	private static @Nullable Double number(BsonDocument doc, String key) {
		BsonValue v = doc.get(key);
		return v != null && v.isNumber() ? v.asNumber().doubleValue() : null;
	}

	private static String text(@Nullable BsonValue value) {
		if (value == null) {
			return "";
		}
		if (value.isString()) {
			return value.asString().getValue();
		}
		if (value.isDocument()) {
			return value.asDocument().toJson(JSON);
		}
		// scalars and arrays: wrap to reuse the JSON writer, then unwrap
		String json = new BsonDocument("v", value).toJson(JSON);
		return json.substring(json.indexOf(':') + 1, json.length() - 1).strip();
	}
}

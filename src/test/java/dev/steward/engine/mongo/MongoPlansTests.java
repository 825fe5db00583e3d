package dev.steward.engine.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import dev.steward.engine.PlanNode;
import dev.steward.engine.QueryPlan;

/**
 * The mapping of {@code explain} output to the plan tree. mongo-java-server has no {@code explain} command, so the
 * inputs are written here in the shape MongoDB's manual documents (explain results, "queryPlanner" and
 * "executionStats" sections; the pipeline form of an aggregation that is not pushed down whole).
 */
class MongoPlansTests {

	@Test
	void aFindWithStatisticsBecomesTheExecutedStagesWithTheirFigures() {
		BsonDocument explained = BsonDocument.parse("""
				{ "queryPlanner": { "namespace": "shop.items",
				    "winningPlan": { "stage": "FETCH", "inputStage": { "stage": "IXSCAN", "indexName": "kind_1",
				        "keyPattern": { "kind": 1 }, "direction": "forward" } } },
				  "executionStats": { "executionSuccess": true, "nReturned": 125, "executionTimeMillis": 3,
				    "totalKeysExamined": 125, "totalDocsExamined": 125,
				    "executionStages": { "stage": "FETCH", "nReturned": 125, "executionTimeMillisEstimate": 2,
				      "docsExamined": 125,
				      "inputStage": { "stage": "IXSCAN", "nReturned": 125, "executionTimeMillisEstimate": 1,
				        "indexName": "kind_1", "keyPattern": { "kind": 1 }, "keysExamined": 125 } } },
				  "ok": 1 }""");

		QueryPlan plan = MongoPlans.of(explained, true);

		assertThat(plan.analyzed()).isTrue();
		assertThat(plan.executionMillis()).isEqualTo(3.0);
		PlanNode fetch = plan.roots().getFirst();
		assertThat(fetch.nodeType()).isEqualTo("FETCH");
		assertThat(fetch.actualRows()).isEqualTo(125.0);
		assertThat(fetch.timeMillis()).isEqualTo(2.0);
		assertThat(fetch.details()).containsEntry("docsExamined", "125");
		PlanNode scan = fetch.children().getFirst();
		assertThat(scan.nodeType()).isEqualTo("IXSCAN");
		assertThat(scan.relation()).isEqualTo("kind_1");
		assertThat(scan.details()).containsEntry("keyPattern", "{\"kind\": 1}").containsEntry("keysExamined", "125");
		assertThat(plan.raw()).contains("\"totalDocsExamined\": 125");
	}

	@Test
	void aPlanWithoutStatisticsIsTheWinningPlanAndACollectionScanNamesItsCollection() {
		BsonDocument explained = BsonDocument.parse("""
				{ "queryPlanner": { "namespace": "shop.items",
				    "winningPlan": { "queryPlan": { "stage": "SORT", "sortPattern": { "_id": -1 },
				        "inputStage": { "stage": "COLLSCAN", "filter": { "kind": { "$eq": "odd" } },
				          "direction": "forward" } },
				      "slotBasedPlan": { "slots": "…" } } }, "ok": 1 }""");

		QueryPlan plan = MongoPlans.of(explained, false);

		assertThat(plan.analyzed()).isFalse();
		PlanNode sort = plan.roots().getFirst();
		assertThat(sort.nodeType()).isEqualTo("SORT");
		assertThat(sort.actualRows()).isNull();
		PlanNode scan = sort.children().getFirst();
		assertThat(scan.nodeType()).isEqualTo("COLLSCAN");
		assertThat(scan.relation()).isEqualTo("items");
		assertThat(scan.details()).containsEntry("filter", "{\"kind\": {\"$eq\": \"odd\"}}");
	}

	@Test
	void anAggregationPipelineIsAChainWithTheCursorTreeAtTheBottom() {
		BsonDocument explained = BsonDocument.parse("""
				{ "stages": [
				    { "$cursor": { "queryPlanner": { "namespace": "shop.items",
				        "winningPlan": { "stage": "PROJECTION_SIMPLE", "inputStage": { "stage": "COLLSCAN" } } } },
				      "nReturned": 250, "executionTimeMillisEstimate": 1 },
				    { "$group": { "_id": "$kind", "n": { "$sum": 1 } }, "nReturned": 2,
				      "executionTimeMillisEstimate": 1 },
				    { "$sort": { "sortKey": { "n": -1 } }, "nReturned": 2 } ],
				  "ok": 1 }""");

		QueryPlan plan = MongoPlans.of(explained, false);

		PlanNode sort = plan.roots().getFirst();
		assertThat(plan.roots()).hasSize(1);
		assertThat(sort.nodeType()).isEqualTo("$sort");
		PlanNode group = sort.children().getFirst();
		assertThat(group.nodeType()).isEqualTo("$group");
		assertThat(group.actualRows()).isEqualTo(2.0);
		assertThat(group.details().get("spec")).contains("\"$sum\": 1");
		PlanNode cursor = group.children().getFirst();
		assertThat(cursor.nodeType()).isEqualTo("$cursor");
		PlanNode projection = cursor.children().getFirst();
		assertThat(projection.nodeType()).isEqualTo("PROJECTION_SIMPLE");
		assertThat(projection.children().getFirst().relation()).isEqualTo("items");
	}
}

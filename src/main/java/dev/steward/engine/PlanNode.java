package dev.steward.engine;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One node of a query plan, the same shape for every engine so one view renders them all.
 *
 * @param nodeType      the operation ({@code Seq Scan}, {@code table}, {@code SCAN}, {@code COLLSCAN} …)
 * @param relation      the table, index or collection it reads, when it reads one
 * @param estimatedRows rows the planner expected
 * @param actualRows    rows it produced (ANALYZE only), summed over loops
 * @param cost          the planner's total cost, in the engine's own units
 * @param timeMillis    time spent in this node and below (ANALYZE only), over all loops
 * @param details       every other field the engine gave, as text
 * @param children      the nodes feeding this one
 */
public record PlanNode(String nodeType, @Nullable String relation, @Nullable Double estimatedRows,
		@Nullable Double actualRows, @Nullable Double cost, @Nullable Double timeMillis, Map<String, String> details,
		List<PlanNode> children) {

	public PlanNode {
		details = Map.copyOf(details);
		children = List.copyOf(children);
	}
}

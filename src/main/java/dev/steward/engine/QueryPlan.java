package dev.steward.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A statement's plan as data.
 *
 * @param roots          the plan's top nodes (one for most engines)
 * @param analyzed       whether the statement ran (actual rows and times are filled in)
 * @param planningMillis planning time, when the engine reports it
 * @param executionMillis execution time (ANALYZE), when the engine reports it
 * @param raw            the engine's own output (JSON or text), for a closer look
 */
public record QueryPlan(List<PlanNode> roots, boolean analyzed, @Nullable Double planningMillis,
		@Nullable Double executionMillis, String raw) {

	public QueryPlan {
		roots = List.copyOf(roots);
	}
}

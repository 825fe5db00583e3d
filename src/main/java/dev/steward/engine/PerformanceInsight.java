package dev.steward.engine;

import java.time.Duration;

/**
 * Performance insight into a target: its most expensive statements and advice on its schema (indexes, statistics,
 * vacuum, sequences, wraparound). Every statement runs under {@code statementTimeout} and reads a bounded number of
 * rows; an engine says in {@link #features()} what it can answer, so callers never test its name. Throws
 * {@link CatalogUnavailable} when the target cannot answer at all.
 */
public interface PerformanceInsight extends EngineCapability {

	PerformanceModel.PerformanceFeatures features();

	/**
	 * The top {@code limit} statements by total time and the top {@code limit} by mean time (one list, each
	 * statement once), from the engine's statement statistics when they are on, otherwise sampled from what runs
	 * now, with {@link PerformanceModel.TopStatements#unavailable()} saying why and how to switch them on.
	 */
	PerformanceModel.TopStatements topStatements(TargetPool pool, ConnectionSpec spec, int limit,
			Duration statementTimeout);

	/** Findings about the connection's database, most severe first, at most {@code limit}. */
	PerformanceModel.Advice advice(TargetPool pool, ConnectionSpec spec, int limit, Duration statementTimeout);

	/**
	 * The statement with its literals replaced by {@code ?}, for callers who may see a statement's shape but not the
	 * data it carries. Single-quoted strings and numbers; engines with more string forms override.
	 */
	default String maskLiterals(String sql) {
		return SqlLiterals.mask(sql, false);
	}
}

package dev.steward.engine;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What {@link PerformanceInsight} answers: engine-neutral records. */
public final class PerformanceModel {

	private PerformanceModel() {
	}

	/**
	 * What an engine can tell.
	 *
	 * @param statementStatistics it keeps per-statement statistics (calls, total and mean time) when switched on
	 * @param activitySampling    without them, it can still show the statements running now
	 * @param findings            the kinds of advice it can give
	 */
	public record PerformanceFeatures(boolean statementStatistics, boolean activitySampling, Set<FindingKind> findings) {

		public PerformanceFeatures {
			findings = Set.copyOf(findings);
		}
	}

	/** Where a list of statements comes from. */
	public enum StatementSource {
		/** Cumulative per-statement statistics ({@code pg_stat_statements}, {@code performance_schema} digests). */
		STATEMENT_STATISTICS,
		/** A snapshot of the statements running now, longest first: calls 1, time so far. */
		ACTIVITY_SAMPLE
	}

	/** Why statement statistics are not available. */
	public enum UnavailableReason {
		/** The module is loaded but its extension is not created in this database. */
		EXTENSION_NOT_INSTALLED,
		/** The module is not loaded by the server ({@code shared_preload_libraries}). */
		EXTENSION_NOT_LOADED,
		/** The server's statement instrumentation is switched off ({@code performance_schema}). */
		INSTRUMENTATION_OFF,
		/** The connection's user may not read the statistics. */
		NO_PRIVILEGE
	}

	/** @param hint what an administrator does to switch them on, as exact settings and statements */
	public record StatementsUnavailable(UnavailableReason reason, String message, String hint) {
	}

	/**
	 * One statement (normalised by the engine for statistics; as running for a sample).
	 *
	 * @param id          the engine's statement id (query id, digest); null for a sample
	 * @param rows        rows returned or affected over all calls; null where unknown
	 * @param maxMillis   longest single call; null where unknown
	 */
	public record StatementStat(@Nullable String id, String text, @Nullable String database, @Nullable String user,
			long calls, double totalMillis, double meanMillis, @Nullable Double maxMillis, @Nullable Long rows) {
	}

	/**
	 * @param statsSince  when the statistics were last reset, where the engine says
	 * @param unavailable why statement statistics are not used, and how to switch them on; null when they are
	 */
	public record TopStatements(StatementSource source, List<StatementStat> statements,
			@Nullable OffsetDateTime statsSince, @Nullable StatementsUnavailable unavailable) {

		public TopStatements {
			statements = List.copyOf(statements);
		}
	}

	/** The kinds of advice. */
	public enum FindingKind {
		UNUSED_INDEX, DUPLICATE_INDEX, OVERLAPPING_INDEX, FOREIGN_KEY_WITHOUT_INDEX, SEQUENTIAL_SCANS, NEVER_ANALYZED,
		STALE_STATISTICS, NOT_VACUUMED, DEAD_TUPLES, SEQUENCE_NEAR_EXHAUSTION, TRANSACTION_ID_WRAPAROUND
	}

	/** How urgent a finding is; in increasing order. */
	public enum FindingSeverity {
		INFO, WARNING, CRITICAL
	}

	/**
	 * One piece of advice.
	 *
	 * @param object   the object it is about ({@code schema.table}, {@code schema.index}, or the database)
	 * @param evidence the figures behind it, by name (e.g. {@code scans} → {@code 0})
	 * @param fixSql   the exact statement that fixes it, identifiers quoted for the engine; null where no single
	 *                 statement does (then {@code summary} says what to do)
	 */
	public record AdviceFinding(FindingKind kind, FindingSeverity severity, @Nullable String schema, String object, String summary,
			Map<String, String> evidence, @Nullable String fixSql) {

		public AdviceFinding {
			evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
		}
	}

	/** A check that could not run, and why (a statistics view off, no privilege). */
	public record SkippedCheck(FindingKind kind, String reason) {
	}

	/**
	 * @param truncated more findings exist than the limit let through (the most severe are kept)
	 */
	public record Advice(List<AdviceFinding> findings, List<SkippedCheck> skipped, boolean truncated,
			@Nullable OffsetDateTime statsSince) {

		public Advice {
			findings = List.copyOf(findings);
			skipped = List.copyOf(skipped);
		}
	}
}

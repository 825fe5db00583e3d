package dev.steward.monitor;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.PerformanceInsight;
import dev.steward.engine.PerformanceModel.Advice;
import dev.steward.engine.PerformanceModel.StatementStat;
import dev.steward.engine.PerformanceModel.TopStatements;
import dev.steward.engine.TargetBusy;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetPools;
import dev.steward.security.CurrentUser;
import dev.steward.shared.InvalidInput;

/**
 * Performance insight on a connection through the engine's {@link PerformanceInsight}: top statements and advice.
 * Whoever may see the connection may read both; statement texts carry data (literals in what runs now, and in
 * engines that do not normalise), so callers who may not operate (VIEWERs) get them with literals masked.
 * Each request runs on the connection's own bounded pool under a statement timeout and an outer deadline, and at
 * most {@link #MAX_RUNNING} run at once on this instance, so no caller can make the server hold more.
 */
@Service
public class Performance implements DisposableBean {

	public static final int MAX_LIMIT = 100;

	static final int MAX_RUNNING = 4;

	static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration DEADLINE = Duration.ofSeconds(25);

	private final ConnectionLookup lookup;

	private final Engines engines;

	private final TargetPools pools;

	private final Semaphore running = new Semaphore(MAX_RUNNING);

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	Performance(ConnectionLookup lookup, Engines engines, TargetPools pools) {
		this.lookup = lookup;
		this.engines = engines;
		this.pools = pools;
	}

	/** Top {@code limit} statements by total and by mean time (1 to {@link #MAX_LIMIT}). */
	public TopQueriesView topQueries(UUID connectionId, int limit) {
		ResolvedConnection connection = lookup.resolveActive(connectionId);
		boolean fullText = CurrentUser.require().canOperate();
		checkLimit(limit);
		PerformanceInsight insight = engines.capability(connection.engine(), PerformanceInsight.class);
		TopStatements top = bounded(() -> {
			ConnectionSpec spec = connection.spec();
			return insight.topStatements(pool(connection, spec), spec, limit, STATEMENT_TIMEOUT);
		});
		List<StatementStat> statements = fullText ? top.statements()
				: top.statements().stream().map(s -> masked(insight, s)).toList();
		return new TopQueriesView(connectionId, top.source(), !fullText, limit, statements, top.statsSince(),
				top.unavailable(), insight.features());
	}

	/** Findings about the connection's database, most severe first, at most {@code limit} (1 to 500). */
	public AdviceView advice(UUID connectionId, int limit) {
		ResolvedConnection connection = lookup.resolveActive(connectionId);
		if (limit < 1 || limit > 500) {
			throw new InvalidInput("limit", "must be between 1 and 500");
		}
		PerformanceInsight insight = engines.capability(connection.engine(), PerformanceInsight.class);
		Advice advice = bounded(() -> {
			ConnectionSpec spec = connection.spec();
			return insight.advice(pool(connection, spec), spec, limit, STATEMENT_TIMEOUT);
		});
		return new AdviceView(connectionId, advice.findings(), advice.skipped(), advice.truncated(),
				advice.statsSince(), insight.features());
	}

	static void checkLimit(int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
		}
	}

	private TargetPool pool(ResolvedConnection connection, ConnectionSpec spec) {
		return pools.get(connection.poolKey(), spec);
	}

	private static StatementStat masked(PerformanceInsight insight, StatementStat s) {
		return new StatementStat(s.id(), insight.maskLiterals(s.text()), s.database(), s.user(), s.calls(),
				s.totalMillis(), s.meanMillis(), s.maxMillis(), s.rows());
	}

	/** Runs {@code work} if a slot is free within a second, and gives up on it after {@link #DEADLINE}. */
	private <T> T bounded(Callable<T> work) {
		try {
			if (!running.tryAcquire(1, TimeUnit.SECONDS)) {
				throw new TargetBusy("Other performance reads are running; try again shortly", Duration.ofSeconds(2),
						new IllegalStateException("no slot"));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CatalogUnavailable("Interrupted");
		}
		try {
			Future<T> future = executor.submit(work);
			try {
				return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException e) {
				future.cancel(true);
				throw new CatalogUnavailable("The database did not answer within " + DEADLINE.toSeconds() + " s");
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				future.cancel(true);
				throw new CatalogUnavailable("Interrupted");
			}
			catch (ExecutionException e) {
				if (e.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new CatalogUnavailable(String.valueOf(e.getCause()), e.getCause());
			}
		}
		finally {
			running.release();
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}

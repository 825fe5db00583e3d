package dev.steward.monitor.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.HealthSampling;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetPools;
import dev.steward.monitor.HealthView;
import dev.steward.monitor.MonitorStatus;
import dev.steward.monitor.internal.Rates.Reading;

/**
 * Takes one sample of a connection: through its own pool in {@link TargetPools} (so sampling adds no connections
 * beyond the pool's bound), under a hard deadline from outside as well as the statement timeouts inside, so a dead
 * or silent target answers DOWN in {@code sample-timeout} at most. Turns counters into rates against the previous
 * reading.
 */
@Component
public class SampleTaker implements DisposableBean {

	/** A sample and what the next one needs: the raw counters and when they were read. */
	public record Taken(HealthView view, HealthSample sample, Reading reading) {
	}

	private final Engines engines;

	private final TargetPools pools;

	private final MonitorProperties properties;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	public SampleTaker(Engines engines, TargetPools pools, MonitorProperties properties) {
		this.engines = engines;
		this.pools = pools;
		this.properties = properties;
	}

	public Taken take(ResolvedConnection connection, @Nullable Reading previous) {
		HealthSample sample = raw(connection);
		Reading reading = new Reading(sample.at(), Rates.counters(sample.values()));
		Map<HealthMetric, Double> rates = Rates.between(previous, reading);
		Map<String, Double> figures = new TreeMap<>();
		Map<String, Double> counters = new TreeMap<>();
		sample.values().forEach((metric, value) -> {
			if (metric.kind() == HealthMetric.Kind.COUNTER) {
				counters.put(metric.id(), value);
			}
			else {
				figures.put(metric.id(), value);
			}
		});
		rates.forEach((metric, rate) -> figures.put(metric.id(), rate));
		MonitorStatus status = StatusRules.of(sample, properties);
		HealthView view = new HealthView(connection.id(), connection.name(), connection.engine().name(), sample.at(),
				status, sample.reachable(), sample.latencyMillis(), sample.serverVersion(), figures, counters,
				sample.errors());
		return new Taken(view, sample, reading);
	}

	private HealthSample raw(ResolvedConnection connection) {
		Instant at = Instant.now();
		long start = System.nanoTime();
		Optional<HealthSampling> sampling = engines.findCapability(connection.engine(), HealthSampling.class);
		if (sampling.isEmpty()) {
			return HealthSample.unreachable(at, 0,
					new CapabilityUnsupported(connection.engine(), HealthSampling.class).getMessage());
		}
		Future<HealthSample> future = executor.submit(() -> {
			ConnectionSpec spec = connection.spec();
			TargetPool pool = pools.get(connection.poolKey(), spec);
			return sampling.get().sample(pool, spec, properties.statementTimeout());
		});
		try {
			return future.get(properties.sampleTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException e) {
			future.cancel(true);
			return HealthSample.unreachable(at, elapsed(start),
					"No answer within " + properties.sampleTimeout().toSeconds() + " s");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return HealthSample.unreachable(at, elapsed(start), "Interrupted");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			return HealthSample.unreachable(at, elapsed(start), String.valueOf(cause.getMessage()));
		}
	}

	/** Series points of a sample: gauges as read, counters as their rates. */
	public static List<SampleStore.Point> points(HealthView view) {
		Map<String, Double> values = new LinkedHashMap<>(view.figures());
		if (!view.reachable()) {
			values.clear();
		}
		values.put(HealthMetric.UP.id(), view.reachable() ? 1.0 : 0.0);
		return values.entrySet().stream()
			.map(e -> new SampleStore.Point(view.connectionId(), e.getKey(), view.sampledAt(), e.getValue()))
			.toList();
	}

	private static long elapsed(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}

package dev.steward.monitor.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.HealthMetric;
import dev.steward.monitor.MonitorEvents.SampleTaken;
import dev.steward.monitor.internal.Rates.Reading;
import dev.steward.monitor.internal.SampleTaker.Taken;
import dev.steward.shared.NotFound;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples the connections that are due: claims them in the store (a lease, see {@link SettingsStore#claimDue}), at
 * most {@code max-concurrent} at once on this instance, each on a virtual thread; records the outcome, queues the
 * series points for the next batch write and publishes {@link SampleTaken}. Not a bean itself: {@link SamplerLoop}
 * owns this instance's one, and tests make more to play other instances.
 */
public class Sampler implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Sampler.class);

	private final String owner;

	private final SettingsStore settings;

	private final SampleTaker taker;

	private final SampleBuffer buffer;

	private final ConnectionLookup connections;

	private final MonitorProperties properties;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Semaphore permits;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	public Sampler(String owner, SettingsStore settings, SampleTaker taker, SampleBuffer buffer,
			ConnectionLookup connections, MonitorProperties properties, ApplicationEventPublisher events,
			JsonMapper json) {
		this.owner = owner;
		this.settings = settings;
		this.taker = taker;
		this.buffer = buffer;
		this.connections = connections;
		this.properties = properties;
		this.events = events;
		this.json = json;
		this.permits = new Semaphore(properties.maxConcurrent());
	}

	public String owner() {
		return owner;
	}

	/** Claims what is due now and starts sampling it; returns the claimed connections. */
	public List<UUID> tick(Instant now) {
		int free = permits.availablePermits();
		Instant leaseUntil = now.plus(properties.sampleTimeout()).plusSeconds(5);
		List<UUID> claimed = settings.claimDue(owner, now, leaseUntil, free);
		for (UUID id : claimed) {
			permits.acquireUninterruptibly();
			try {
				submit(id);
			}
			catch (RuntimeException e) {
				// not started (the executor is closing): give the permit and the lease back
				permits.release();
				settings.release(id, owner);
				throw e;
			}
		}
		return claimed;
	}

	private void submit(UUID id) {
		executor.submit(() -> {
			try {
				sampleOne(id);
			}
			catch (RuntimeException e) {
				// one connection's trouble must never stop the others
				log.warn("Sampling connection {} failed: {}", id, e.toString());
				settings.release(id, owner);
			}
			finally {
				permits.release();
			}
		});
	}

	/** Waits until no sample of this sampler is running (tests, shutdown). */
	public boolean awaitIdle(long millis) throws InterruptedException {
		if (permits.tryAcquire(properties.maxConcurrent(), millis, TimeUnit.MILLISECONDS)) {
			permits.release(properties.maxConcurrent());
			return true;
		}
		return false;
	}

	private void sampleOne(UUID id) {
		ResolvedConnection connection;
		try {
			connection = connections.resolveAsSystem(id);
		}
		catch (NotFound e) {
			settings.release(id, owner);
			return;
		}
		if (!connection.active()) {
			settings.release(id, owner);
			return;
		}
		SettingsStore.Row row = settings.find(id).orElse(null);
		Taken taken = taker.take(connection, row == null ? null : reading(row.countersJson()));
		Map<String, Object> counters = Map.of("at", taken.reading().at().toEpochMilli(), "values",
				taken.view().counters());
		settings.finish(id, owner, new SettingsStore.Outcome(taken.view().sampledAt(), taken.view().status(),
				taken.view().errors().isEmpty() ? null : String.join("; ", taken.view().errors()),
				json.writeValueAsString(taken.view().figures()), json.writeValueAsString(counters)));
		buffer.add(SampleTaker.points(taken.view()));
		events.publishEvent(new SampleTaken(taken.view()));
	}

	/** The previous sample's raw counters, as {@link #sampleOne} stored them; null when unreadable or absent. */
	@Nullable
	Reading reading(@Nullable String countersJson) {
		if (countersJson == null) {
			return null;
		}
		try {
			Map<String, Object> stored = json.readValue(countersJson, new TypeReference<Map<String, Object>>() {
			});
			if (!(stored.get("at") instanceof Number at) || !(stored.get("values") instanceof Map<?, ?> values)) {
				return null;
			}
			Map<HealthMetric, Double> counters = new java.util.EnumMap<>(HealthMetric.class);
			values.forEach((k, v) -> HealthMetric.byId(String.valueOf(k))
				.ifPresent(m -> counters.put(m, ((Number) v).doubleValue())));
			return new Reading(Instant.ofEpochMilli(at.longValue()), counters);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}
}

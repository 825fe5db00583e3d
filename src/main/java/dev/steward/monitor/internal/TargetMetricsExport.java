package dev.steward.monitor.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.connection.ConnectionEvents.ConnectionDeleted;
import dev.steward.engine.HealthMetric;
import dev.steward.monitor.MonitorEvents.MonitoringChanged;
import dev.steward.monitor.MonitorEvents.SampleTaken;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every target figure of the samples taken on this instance, on {@code /actuator/prometheus} as
 * {@code steward_target_<metric>{connection="<id>",engine="<ENGINE>"}}: gauges as read, counters as the server's
 * raw counter ({@code _total}, so Prometheus' {@code rate()} applies). Cardinality is bounded: metrics are a fixed
 * set, and at most {@code max-exported} connections are exported; a connection whose monitoring is switched off
 * or that is deleted loses its series.
 */
@Component
public class TargetMetricsExport {

	private static final class Value {

		volatile double value = Double.NaN;
	}

	private record Key(UUID connectionId, HealthMetric metric) {
	}

	private final MeterRegistry registry;

	private final MonitorProperties properties;

	private final Map<Key, Value> values = new ConcurrentHashMap<>();

	private final Map<UUID, java.util.List<Meter>> meters = new ConcurrentHashMap<>();

	public TargetMetricsExport(MeterRegistry registry, MonitorProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@EventListener
	void on(SampleTaken event) {
		var sample = event.sample();
		UUID id = sample.connectionId();
		if (!meters.containsKey(id) && meters.size() >= properties.maxExported()) {
			return;
		}
		set(id, sample.engine(), HealthMetric.UP, sample.reachable() ? 1 : 0);
		if (!sample.reachable()) {
			return;
		}
		sample.figures().forEach((name, v) -> HealthMetric.byId(name)
			.filter(m -> m.kind() == HealthMetric.Kind.GAUGE)
			.ifPresent(m -> set(id, sample.engine(), m, v)));
		sample.counters().forEach((name, v) -> HealthMetric.byId(name).ifPresent(m -> set(id, sample.engine(), m, v)));
	}

	private void set(UUID id, String engine, HealthMetric metric, double v) {
		values.computeIfAbsent(new Key(id, metric), k -> {
			Value holder = new Value();
			String name = "steward.target." + metric.id();
			Meter meter = metric.kind() == HealthMetric.Kind.COUNTER
					? FunctionCounter.builder(name, holder, h -> h.value).tags("connection", id.toString(), "engine", engine)
						.register(registry)
					: Gauge.builder(name, holder, h -> h.value).tags("connection", id.toString(), "engine", engine)
						.register(registry);
			meters.computeIfAbsent(id, x -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(meter);
			return holder;
		}).value = v;
	}

	void forget(UUID id) {
		java.util.List<Meter> gone = meters.remove(id);
		if (gone != null) {
			gone.forEach(registry::remove);
		}
		values.keySet().removeIf(k -> k.connectionId().equals(id));
	}

	@EventListener
	void on(MonitoringChanged event) {
		if (!event.enabled()) {
			forget(event.connectionId());
		}
	}

	@ApplicationModuleListener
	void on(ConnectionDeleted event) {
		forget(event.connectionId());
	}
}

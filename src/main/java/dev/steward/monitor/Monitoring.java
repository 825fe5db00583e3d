package dev.steward.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.connection.ConnectionFilter;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ConnectionProfile;
import dev.steward.connection.ConnectionProfiles;
import dev.steward.engine.HealthMetric;
import dev.steward.monitor.MonitorEvents.MonitoringChanged;
import dev.steward.monitor.internal.AlertStore;
import dev.steward.monitor.internal.Downsampling;
import dev.steward.monitor.internal.MonitorProperties;
import dev.steward.monitor.internal.SampleStore;
import dev.steward.monitor.internal.SampleStore.Bucket;
import dev.steward.monitor.internal.SampleTaker;
import dev.steward.monitor.internal.SettingsStore;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring API other modules and the web layer use: the overview of visible connections, chart series,
 * a fresh sample on demand, and the per-connection switch. Visibility is the connection registry's (404 for what
 * the caller may not see); changing monitoring takes the right to edit the connection.
 */
@Service
public class Monitoring {

	/** At most this many series per chart request. */
	public static final int MAX_SERIES = 12;

	private final ConnectionProfiles profiles;

	private final ConnectionLookup lookup;

	private final SettingsStore settings;

	private final SampleStore samples;

	private final SampleTaker taker;

	private final MonitorProperties properties;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final AlertStore alerts;

	Monitoring(ConnectionProfiles profiles, ConnectionLookup lookup, SettingsStore settings, SampleStore samples,
			SampleTaker taker, MonitorProperties properties, ApplicationEventPublisher events, JsonMapper json,
			AlertStore alerts) {
		this.alerts = alerts;
		this.profiles = profiles;
		this.lookup = lookup;
		this.settings = settings;
		this.samples = samples;
		this.taker = taker;
		this.properties = properties;
		this.events = events;
		this.json = json;
	}

	/** Every connection the caller may see, with its status and latest figures. */
	public List<OverviewEntry> overview() {
		Map<UUID, SettingsStore.Row> rows = settings.all();
		Map<UUID, Integer> firing = alerts.firingCounts();
		List<OverviewEntry> out = new ArrayList<>();
		for (ConnectionProfile p : profiles.list(ConnectionFilter.none())) {
			SettingsStore.Row row = rows.get(p.id());
			boolean monitored = row != null && row.enabled() && p.active();
			MonitorStatus status = !monitored || row.lastStatus() == null ? MonitorStatus.UNMONITORED : row.lastStatus();
			out.add(new OverviewEntry(p.id(), p.name(), p.engine().name(), p.active(), monitored,
					row == null ? defaultInterval() : row.intervalSeconds(), status,
					row == null ? null : row.lastSampleAt(), row == null ? null : row.lastError(),
					row == null ? Map.of() : figures(row.figuresJson()), firing.getOrDefault(p.id(), 0)));
		}
		return out;
	}

	public MonitoringSettings settings(UUID connectionId) {
		lookup.resolve(connectionId);
		return settings.find(connectionId)
			.map(r -> new MonitoringSettings(connectionId, r.enabled(), r.intervalSeconds()))
			.orElseGet(() -> new MonitoringSettings(connectionId, false, defaultInterval()));
	}

	/**
	 * Switches monitoring on or off and sets the interval (null keeps it, or takes the default). Only the
	 * connection's owner or an administrator may; audited.
	 */
	@Transactional
	public MonitoringSettings update(UUID connectionId, boolean enabled, @Nullable Integer intervalSeconds) {
		ConnectionProfile profile = profiles.get(connectionId);
		if (!profile.editable()) {
			throw new AccessDeniedException("Only the owner or an administrator may change this connection's monitoring");
		}
		int min = (int) properties.minInterval().toSeconds();
		if (intervalSeconds != null && (intervalSeconds < min || intervalSeconds > 86_400)) {
			throw new InvalidInput("intervalSeconds", "must be between " + min + " and 86400");
		}
		int interval = intervalSeconds != null ? intervalSeconds
				: settings.find(connectionId).map(SettingsStore.Row::intervalSeconds).orElse(defaultInterval());
		Instant now = Instant.now();
		settings.save(connectionId, enabled, interval, now);
		events.publishEvent(new MonitoringChanged(Actor.current(), connectionId, profile.name(), enabled, interval, now));
		return new MonitoringSettings(connectionId, enabled, interval);
	}

	/** A sample taken now (not stored); counters are raw values, as one sample has no rate. */
	public HealthView health(UUID connectionId) {
		var connection = lookup.resolveActive(connectionId);
		return taker.take(connection, null).view();
	}

	/**
	 * Series of the named metrics over {@code [from, to)}, from the resolution that fits and merged into at most
	 * 1,000 points each; {@code stepSeconds} 0 lets the range decide.
	 */
	public SeriesView series(UUID connectionId, List<String> names, Instant from, Instant to, long stepSeconds) {
		lookup.resolve(connectionId);
		if (!from.isBefore(to)) {
			throw new InvalidInput("from", "must be before to");
		}
		if (Duration.between(from, to).compareTo(Duration.ofDays(400)) > 0) {
			throw new InvalidInput("from", "a range can be at most 400 days");
		}
		if (stepSeconds < 0) {
			throw new InvalidInput("step", "must be 0 or more seconds");
		}
		LinkedHashSet<HealthMetric> metrics = new LinkedHashSet<>();
		for (String name : names) {
			metrics.add(HealthMetric.byId(name).orElseThrow(() -> new InvalidInput("names", "unknown metric")));
		}
		if (metrics.isEmpty() || metrics.size() > MAX_SERIES) {
			throw new InvalidInput("names", "name 1 to " + MAX_SERIES + " metrics");
		}
		Resolution resolution = Downsampling.choose(from, to, Instant.now(), properties);
		return series(connectionId, List.copyOf(metrics), from, to, stepSeconds, resolution);
	}

	/** As {@link #series(UUID, List, Instant, Instant, long)} at a given resolution, with no visibility check. */
	public SeriesView series(UUID connectionId, List<HealthMetric> metrics, Instant from, Instant to, long stepSeconds,
			Resolution resolution) {
		long step = Downsampling.step(from, to, resolution, stepSeconds);
		List<SeriesView.Series> out = new ArrayList<>();
		for (HealthMetric metric : metrics) {
			List<Bucket> merged = Downsampling.merge(samples.read(resolution, connectionId, metric.id(), from, to),
					from, step);
			int n = merged.size();
			long[] t = new long[n];
			double[] avg = new double[n];
			double[] min = new double[n];
			double[] max = new double[n];
			for (int i = 0; i < n; i++) {
				Bucket b = merged.get(i);
				t[i] = b.at().getEpochSecond();
				avg[i] = b.avg();
				min[i] = b.min();
				max[i] = b.max();
			}
			MetricInfo info = MetricInfo.of(metric);
			out.add(new SeriesView.Series(info.name(), info.unit(), info.kind(), t, avg, min, max));
		}
		return new SeriesView(connectionId, from, to, resolution, step, out);
	}

	/** Every metric with its unit and kind. */
	public List<MetricInfo> metrics() {
		return java.util.Arrays.stream(HealthMetric.values()).map(MetricInfo::of).toList();
	}

	private int defaultInterval() {
		return (int) properties.defaultInterval().toSeconds();
	}

	private Map<String, Double> figures(@Nullable String figuresJson) {
		if (figuresJson == null) {
			return Map.of();
		}
		try {
			return json.readValue(figuresJson, new TypeReference<Map<String, Double>>() {
			});
		}
		catch (RuntimeException e) {
			return Map.of();
		}
	}
}

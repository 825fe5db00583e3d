package dev.steward.monitor.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.steward.connection.ConnectionLookup;
import dev.steward.monitor.HealthView;
import dev.steward.monitor.MetricInfo;
import dev.steward.monitor.Monitoring;
import dev.steward.monitor.MonitoringSettings;
import dev.steward.monitor.OverviewEntry;
import dev.steward.monitor.SeriesView;
import dev.steward.monitor.internal.MonitorStream;
import dev.steward.shared.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@Tag(name = "Monitoring")
class MonitoringController {

	record MonitoringBody(@NotNull Boolean enabled, @Nullable Integer intervalSeconds) {
	}

	private final Monitoring monitoring;

	private final MonitorStream stream;

	private final ConnectionLookup connections;

	MonitoringController(Monitoring monitoring, MonitorStream stream, ConnectionLookup connections) {
		this.monitoring = monitoring;
		this.stream = stream;
		this.connections = connections;
	}

	@GetMapping("/api/monitoring/overview")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Every connection the caller may see: status (UP, DEGRADED, DOWN, UNMONITORED), latest figures, open alerts")
	List<OverviewEntry> overview() {
		return monitoring.overview();
	}

	@GetMapping("/api/monitoring/metrics")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The metric names with unit and kind (counters are served as per-second rates)")
	List<MetricInfo> metrics() {
		return monitoring.metrics();
	}

	@GetMapping(path = "/api/monitoring/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Server-Sent Events: a 'sample' event (a HealthView) for each new sample of a visible connection, an 'alert' event (an AlertView) for each alert change")
	SseEmitter stream() {
		return stream.subscribe(connections.visibleIds());
	}

	@GetMapping("/api/connections/{id}/metrics")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Series of the named metrics (comma-separated) over [from, to) (ISO instants; default the last hour), "
			+ "at most 1,000 points each; step in seconds (0 = chosen from the range)")
	SeriesView metrics(@PathVariable UUID id, @RequestParam String names, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") long step) {
		if (names.length() > 1000) {
			throw new InvalidInput("names", "too long");
		}
		Instant end = to == null ? Instant.now() : instant("to", to);
		Instant start = from == null ? end.minus(Duration.ofHours(1)) : instant("from", from);
		List<String> list = Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		return monitoring.series(id, list, start, end, step);
	}

	@GetMapping("/api/connections/{id}/health")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "A fresh health sample of the connection, taken now (not stored)")
	HealthView health(@PathVariable UUID id) {
		return monitoring.health(id);
	}

	@GetMapping("/api/connections/{id}/monitoring")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Whether the connection is monitored, and its interval")
	MonitoringSettings settings(@PathVariable UUID id) {
		return monitoring.settings(id);
	}

	@PutMapping("/api/connections/{id}/monitoring")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Switch monitoring on or off and set the interval (seconds, at least steward.monitor.min-interval); "
			+ "owner or ADMIN; audited as monitoring.update")
	MonitoringSettings update(@PathVariable UUID id, @Valid @RequestBody MonitoringBody body) {
		return monitoring.update(id, body.enabled(), body.intervalSeconds());
	}

	private static Instant instant(String field, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new InvalidInput(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
		}
	}
}

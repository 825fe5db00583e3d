package dev.steward.monitor.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionLookup;
import dev.steward.engine.HealthMetric;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertScope;
import dev.steward.monitor.AlertView;
import dev.steward.monitor.HealthView;
import dev.steward.monitor.MonitorEvents.SampleTaken;
import dev.steward.monitor.internal.AlertMachine.Step;

/**
 * Evaluates the metric rules on each sample as it is taken (synchronously on the sampling thread, in its own
 * transaction): the sample's values against every enabled rule whose scope takes the connection, through
 * {@link AlertMachine}. The state lives in the store; a connection is sampled by one instance at a time (the
 * sampling lease) and every move is conditional, so instances never fire or notify one alert twice.
 */
@Component
public class AlertEvaluator {

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

	private final AlertRuleCache rules;

	private final AlertStore store;

	private final AlertActions actions;

	private final ConnectionLookup connections;

	private final TransactionTemplate tx;

	AlertEvaluator(AlertRuleCache rules, AlertStore store, AlertActions actions, ConnectionLookup connections,
			TransactionTemplate tx) {
		this.rules = rules;
		this.store = store;
		this.actions = actions;
		this.connections = connections;
		this.tx = tx;
	}

	@EventListener
	void on(SampleTaken event) {
		try {
			tx.executeWithoutResult(s -> evaluate(event.sample()));
		}
		catch (RuntimeException e) {
			// alerting trouble must never stop sampling
			log.warn("Evaluating alerts for connection {} failed: {}", event.sample().connectionId(), e.toString());
		}
	}

	/** Runs every applicable metric rule on one sample. */
	public void evaluate(HealthView sample) {
		List<AlertRuleView> applicable = rules.enabled().stream()
			.filter(r -> r.kind() == dev.steward.monitor.AlertRuleKind.METRIC)
			.toList();
		if (applicable.isEmpty()) {
			return;
		}
		Map<String, Double> values = values(sample);
		List<String> tags = applicable.stream().anyMatch(r -> r.scope() == AlertScope.TAG)
				? connections.tagsAsSystem(sample.connectionId()) : List.of();
		Map<java.util.UUID, AlertView> openAlerts = store.openOfConnection(sample.connectionId());
		// the store keeps microseconds and rounds: compare at the precision it keeps, or a condition held for exactly
		// its duration could fall short by the rounding (pending since x.0000006 s stored as x.000001 s)
		java.time.Instant at = sample.sampledAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		for (AlertRuleView rule : applicable) {
			Double value = values.get(rule.metric());
			if (value == null || !inScope(rule, sample.connectionId(), tags)) {
				continue; // a metric this engine or this sample (target down) does not have: nothing changes
			}
			AlertView open = openAlerts.get(rule.id());
			Step step = AlertMachine.step(condition(rule), open == null ? null : AlertActions.open(open), value, at);
			actions.apply(step, rule, open, sample.connectionId(), sample.connectionName(), value, at);
		}
	}

	static Map<String, Double> values(HealthView sample) {
		Map<String, Double> values = new HashMap<>();
		SampleTaker.points(sample).forEach(p -> values.put(p.metric(), p.value()));
		if (sample.reachable()) {
			values.putIfAbsent(HealthMetric.LATENCY.id(), (double) sample.latencyMillis());
		}
		return values;
	}

	public static boolean inScope(AlertRuleView rule, UUID connectionId, List<String> tags) {
		return switch (rule.scope()) {
			case ALL -> true;
			case CONNECTION -> connectionId.toString().equals(rule.scopeValue());
			case TAG -> rule.scopeValue() != null && tags.contains(rule.scopeValue());
			case TARGET -> false; // a storage target's rule: no connection is in it
		};
	}

	public static AlertMachine.Condition condition(AlertRuleView rule) {
		return new AlertMachine.Condition(rule.comparison(), rule.threshold(), rule.hysteresis(),
				Duration.ofSeconds(rule.forSeconds()), Duration.ofMinutes(rule.renotifyMinutes()));
	}
}

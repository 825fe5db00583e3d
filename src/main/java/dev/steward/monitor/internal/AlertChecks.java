package dev.steward.monitor.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.monitor.AlertCheck;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertView;
import dev.steward.monitor.internal.AlertMachine.Step;
import dev.steward.monitor.internal.CheckReadings.Reading;

/**
 * Runs the check rules on an interval: each enabled rule's values from {@link CheckReadings}, each through
 * {@link AlertMachine} against the rule's open alert on that subject, carried out by {@link AlertActions} (so
 * pending, firing, repeats, hysteresis, silence and notifications are those of every other rule). Each rule in its
 * own transaction; the moves are conditional in the store, so even two instances running it never fire twice, and
 * {@link CheckRunClaims} lets only one of them run each interval.
 */
@Component
public class AlertChecks {

	private static final Logger log = LoggerFactory.getLogger(AlertChecks.class);

	private final AlertRuleCache rules;

	private final AlertStore store;

	private final AlertActions actions;

	private final CheckReadings readings;

	private final TransactionTemplate tx;

	private final MonitorProperties properties;

	private final CheckRunClaims claims;

	AlertChecks(AlertRuleCache rules, AlertStore store, AlertActions actions, CheckReadings readings,
			TransactionTemplate tx, MonitorProperties properties, CheckRunClaims claims) {
		this.claims = claims;
		this.rules = rules;
		this.store = store;
		this.actions = actions;
		this.readings = readings;
		this.tx = tx;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${steward.monitor.check-interval:60s}",
			initialDelayString = "${steward.monitor.check-interval:60s}")
	void scheduled() {
		Instant now = Instant.now();
		// one instance per interval: the others would repeat the same handshakes and lookups for nothing
		if (properties.enabled() && claims.claim(now, properties.checkInterval())) {
			runOnce(now);
		}
	}

	/** Every enabled check rule once, at {@code now}. */
	public void runOnce(Instant now) {
		Instant at = now.truncatedTo(ChronoUnit.MICROS); // the store's precision, as in AlertEvaluator
		for (AlertRuleView rule : rules.enabled()) {
			if (!rule.checkBased()) {
				continue;
			}
			try {
				tx.executeWithoutResult(s -> evaluate(rule, at));
			}
			catch (RuntimeException e) {
				// one rule's trouble must not stop the others
				log.warn("Evaluating check rule '{}' failed: {}", rule.name(), e.toString());
			}
		}
	}

	private void evaluate(AlertRuleView rule, Instant now) {
		Map<String, AlertView> open = store.openOfRuleBySubject(rule.id());
		for (Reading r : readings.read(rule, now)) {
			AlertView alert = open.get(r.key());
			Step step = AlertMachine.step(AlertEvaluator.condition(rule), alert == null ? null : AlertActions.open(alert),
					r.value(), now);
			actions.apply(step, rule, alert, r.connectionId(), r.key(), r.name(), r.value(), now);
		}
		// a connection's alerts go with the connection (foreign key); a deleted storage target's must be closed here
		if (AlertCheck.byId(rule.metric()).map(c -> c.subject() == AlertCheck.Subject.TARGET).orElse(false)) {
			java.util.Set<String> present = readings.targetKeys();
			open.forEach((key, alert) -> {
				if (!present.contains(key)) {
					actions.resolveGone(rule, alert, "the storage target was removed", now);
				}
			});
		}
	}
}

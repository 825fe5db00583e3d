package dev.steward.monitor.internal;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.steward.engine.HealthMetric;
import dev.steward.monitor.AlertCheck;
import dev.steward.monitor.AlertEvents.AlertChanged;
import dev.steward.monitor.AlertEvents.AlertNotice;
import dev.steward.monitor.AlertEvents.AlertTransition;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertState;
import dev.steward.monitor.AlertView;
import dev.steward.monitor.internal.AlertMachine.Step;
import dev.steward.shared.Actor;

/**
 * Carries out a step of {@link AlertMachine} in the store (in the caller's transaction) and, only when this
 * instance's conditional update won, publishes the audit record, the notice for the channels and the live change.
 */
@Component
public class AlertActions {

	private final AlertStore store;

	private final ApplicationEventPublisher events;

	AlertActions(AlertStore store, ApplicationEventPublisher events) {
		this.store = store;
		this.events = events;
	}

	static AlertMachine.Open open(AlertView a) {
		return new AlertMachine.Open(a.state(), a.pendingSince(), a.firedAt(), a.lastNotifiedAt(), a.acknowledged(),
				a.silencedUntil());
	}

	public void apply(Step step, AlertRuleView rule, @Nullable AlertView open, UUID connectionId,
			String connectionName, double value, Instant now) {
		apply(step, rule, open, connectionId, connectionId.toString(), connectionName, value, now);
	}

	/** As above for any subject ({@code connectionId} null and {@code subjectKey} {@code target:…} for a target). */
	public void apply(Step step, AlertRuleView rule, @Nullable AlertView open, @Nullable UUID connectionId,
			String subjectKey, String connectionName, double value, Instant now) {
		String message = message(rule, value);
		switch (step.action()) {
			case NONE -> {
				if (open != null && (open.lastValue() == null || open.lastValue() != value)) {
					store.recordValue(open.id(), value);
				}
			}
			case START_PENDING -> {
				UUID id = UUID.randomUUID();
				if (store.insert(id, rule, connectionId, subjectKey, connectionName, AlertState.PENDING, value, message,
						now)) {
					published(id, "alert.pending", null, false, rule, now);
				}
			}
			case DROP_PENDING -> {
				if (open != null && store.dropPending(open.id())) {
					AlertView gone = withState(open, AlertState.RESOLVED);
					events.publishEvent(new AlertTransition(Actor.system(), "alert.pending.clear", gone,
							"the condition stopped before " + rule.forSeconds() + " s", now));
					events.publishEvent(new AlertChanged(gone));
				}
			}
			case FIRE -> {
				if (open == null) {
					UUID id = UUID.randomUUID();
					if (store.insert(id, rule, connectionId, subjectKey, connectionName, AlertState.FIRING, value,
							message, now)) {
						published(id, "alert.fire", message, step.tell(), rule, now);
					}
				}
				else if (store.fire(open.id(), value, message, step.tell(), now)) {
					published(open.id(), "alert.fire", message, step.tell(), rule, now);
				}
			}
			case RENOTIFY -> {
				if (open != null && store.renotify(open.id(), open.lastNotifiedAt(), value, now)) {
					published(open.id(), "alert.renotify", message, true, rule, now);
				}
			}
			case RESOLVE -> {
				if (open != null && store.resolve(open.id(), value, now)) {
					String back = rule.checkBased() ? message : "back to " + format(value) + unit(rule.metric());
					published(open.id(), "alert.resolve", back, step.tell(), rule, now);
				}
			}
		}
	}

	/** Fires an event rule's alert on a connection, unless one is already open (it stays, with its history). */
	public void fireEvent(AlertRuleView rule, UUID connectionId, String connectionName, String message, Instant now) {
		if (store.open(rule.id(), connectionId).isPresent()) {
			return;
		}
		UUID id = UUID.randomUUID();
		if (store.insert(id, rule, connectionId, connectionName, AlertState.FIRING, 1, message, now)) {
			published(id, "alert.fire", message, true, rule, now);
		}
	}

	/** Resolves an event rule's open alert on a connection (the opposite event arrived). */
	public void resolveEvent(AlertRuleView rule, UUID connectionId, String why, Instant now) {
		AlertView open = store.open(rule.id(), connectionId).orElse(null);
		if (open != null && store.resolve(open.id(), 0.0, now)) {
			boolean silenced = open.silencedUntil() != null && open.silencedUntil().isAfter(now);
			published(open.id(), "alert.resolve", why, !silenced, rule, now);
		}
	}

	/** Resolves one open alert whose subject is gone (a storage target deleted): nothing would resolve it otherwise. */
	public void resolveGone(AlertRuleView rule, AlertView open, String why, Instant now) {
		if (open.state() == AlertState.PENDING) {
			store.dropPending(open.id());
		}
		else if (store.resolve(open.id(), open.lastValue(), now)) {
			boolean silenced = open.silencedUntil() != null && open.silencedUntil().isAfter(now);
			published(open.id(), "alert.resolve", why, !silenced, rule, now);
		}
	}

	/**
	 * A rule switched off or changed closes its open alerts (resolved, told as usual; pending ones dropped): they
	 * would otherwise stay open with nothing to resolve them.
	 */
	public void closeAll(AlertRuleView rule, String why, Instant now) {
		for (AlertView open : store.openOfRule(rule.id())) {
			if (open.state() == AlertState.PENDING) {
				store.dropPending(open.id());
			}
			else if (store.resolve(open.id(), open.lastValue(), now)) {
				boolean silenced = open.silencedUntil() != null && open.silencedUntil().isAfter(now);
				published(open.id(), "alert.resolve", why, !silenced, rule, now);
			}
		}
	}

	private void published(UUID id, String action, @Nullable String note, boolean notify, AlertRuleView rule,
			Instant now) {
		AlertView alert = store.find(id).orElseThrow();
		events.publishEvent(new AlertTransition(Actor.system(), action, alert, note, now));
		events.publishEvent(new AlertChanged(alert));
		if (notify) {
			events.publishEvent(notice(alert, action, rule, now));
		}
	}

	private static AlertNotice notice(AlertView a, String action, AlertRuleView rule, Instant now) {
		String what = switch (action) {
			case "alert.resolve" -> "Resolved";
			case "alert.renotify" -> "Still firing (since " + a.firedAt() + ")";
			default -> "Firing";
		};
		String summary = what + " — " + a.level() + " '" + a.ruleName() + "': " + a.message();
		String subject = a.connectionId() == null ? a.connectionName() : "connection '" + a.connectionName() + "'";
		return new AlertNotice(subject, summary, null, "/alerts?alert=" + a.id(), now,
				new HashSet<>(rule.channelIds()));
	}

	static String message(AlertRuleView rule, double value) {
		if (rule.eventBased()) {
			return rule.name();
		}
		java.util.Optional<AlertCheck> check = AlertCheck.byId(rule.metric());
		if (check.isPresent()) {
			return check.get().describe(value, rule.comparison(), rule.threshold(), rule.windowMinutes());
		}
		String unit = unit(rule.metric());
		String held = rule.forSeconds() == 0 ? "" : " for " + duration(rule.forSeconds());
		return rule.metric() + " is " + format(value) + unit + ", " + rule.comparison().name().toLowerCase(Locale.ROOT)
				+ " " + format(rule.threshold()) + unit + held;
	}

	private static String duration(int seconds) {
		return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
	}

	private static String unit(String metric) {
		return HealthMetric.byId(metric).map(m -> switch (m.unit()) {
			case MILLISECONDS -> " ms";
			case SECONDS -> " s";
			case BYTES -> " B";
			case PERCENT -> " %";
			case COUNT, BOOLEAN -> m.kind() == HealthMetric.Kind.COUNTER ? "/s" : "";
		}).orElse("");
	}

	static String format(double v) {
		return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
	}

	private static AlertView withState(AlertView a, AlertState state) {
		return new AlertView(a.id(), a.ruleId(), a.ruleName(), a.connectionId(), a.connectionName(), state, a.level(),
				a.metric(), a.threshold(), a.lastValue(), a.message(), a.pendingSince(), a.firedAt(), a.resolvedAt(),
				a.lastNotifiedAt(), a.notifyCount(), a.acknowledgedAt(), a.acknowledgedBy(), a.ackComment(),
				a.silencedUntil(), a.silencedBy());
	}
}

package dev.steward.monitor.internal;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.steward.monitor.AlertComparison;
import dev.steward.monitor.AlertState;

/**
 * The alert state machine, pure so it can be tested without a store: given a rule's condition, the open alert (if
 * any) and a new value, what happens. Firing needs the condition to hold for the rule's duration; resolving needs the
 * value back past the threshold by the hysteresis, so a value hovering at the threshold neither fires twice nor
 * flaps. Silence suppresses every notification until it ends; an acknowledgement stops the repeats only.
 */
public final class AlertMachine {

	private AlertMachine() {
	}

	/** The parts of a rule the machine needs. */
	public record Condition(AlertComparison comparison, double threshold, double hysteresis, Duration holdFor,
			Duration renotify) {
	}

	/** The open alert of the rule on the connection. */
	public record Open(AlertState state, Instant pendingSince, @Nullable Instant firedAt,
			@Nullable Instant lastNotifiedAt, boolean acknowledged, @Nullable Instant silencedUntil) {

		boolean silencedAt(Instant now) {
			return silencedUntil != null && silencedUntil.isAfter(now);
		}
	}

	public enum Action {
		/** Nothing changes (the value is only recorded). */
		NONE,
		/** The condition started to hold: a pending alert is opened. */
		START_PENDING,
		/** The condition stopped before its duration: the pending alert is dropped. */
		DROP_PENDING,
		FIRE, RENOTIFY, RESOLVE
	}

	/** What to do, and whether channels are told ({@code tell}). */
	public record Step(Action action, boolean tell) {

		static final Step NONE = new Step(Action.NONE, false);
	}

	public static Step step(Condition c, @Nullable Open open, double value, Instant now) {
		boolean breached = c.comparison().breached(value, c.threshold());
		if (open == null) {
			if (!breached) {
				return Step.NONE;
			}
			// a zero duration fires on the first breaching sample; the caller opens the alert as firing
			return c.holdFor().isZero() ? new Step(Action.FIRE, true) : new Step(Action.START_PENDING, false);
		}
		boolean silenced = open.silencedAt(now);
		if (open.state() == AlertState.PENDING) {
			if (!breached) {
				return new Step(Action.DROP_PENDING, false);
			}
			if (!open.pendingSince().plus(c.holdFor()).isAfter(now)) {
				return new Step(Action.FIRE, !silenced);
			}
			return Step.NONE;
		}
		if (open.state() != AlertState.FIRING) {
			return Step.NONE;
		}
		if (c.comparison().cleared(value, c.threshold(), c.hysteresis())) {
			return new Step(Action.RESOLVE, !silenced);
		}
		return renotifyDue(c, open, now, silenced) ? new Step(Action.RENOTIFY, true) : Step.NONE;
	}

	private static boolean renotifyDue(Condition c, Open open, Instant now, boolean silenced) {
		if (silenced || open.acknowledged() || c.renotify().isZero()) {
			return false;
		}
		Instant last = open.lastNotifiedAt() != null ? open.lastNotifiedAt() : open.firedAt();
		return last == null || !last.plus(c.renotify()).isAfter(now);
	}
}

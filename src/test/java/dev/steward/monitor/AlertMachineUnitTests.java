package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.steward.monitor.internal.AlertMachine;
import dev.steward.monitor.internal.AlertMachine.Action;
import dev.steward.monitor.internal.AlertMachine.Condition;
import dev.steward.monitor.internal.AlertMachine.Open;
import dev.steward.monitor.internal.AlertMachine.Step;
import dev.steward.monitor.internal.AlertSimulation;
import dev.steward.monitor.internal.SampleStore.Bucket;

/**
 * The alert state machine: the duration a condition must hold, hysteresis at the threshold, repeats on the interval,
 * and what silence and acknowledgement suppress; and the preview's replay of it.
 */
class AlertMachineUnitTests {

	static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	/** latency above 2,000 ms for 2 min, resolves at or below 1,800 ms, repeats every 10 min. */
	static final Condition LATENCY = new Condition(AlertComparison.ABOVE, 2000, 200, Duration.ofMinutes(2),
			Duration.ofMinutes(10));

	/** Feeds values 30 s apart through the machine, keeping the open alert as the store would; returns the actions. */
	static final class Run {

		@Nullable Open open;

		final List<Action> actions = new ArrayList<>();

		final List<Boolean> notified = new ArrayList<>();

		Instant now = T0;

		Run feed(Condition c, double... values) {
			for (double v : values) {
				Step step = AlertMachine.step(c, open, v, now);
				actions.add(step.action());
				notified.add(step.tell());
				open = switch (step.action()) {
					case START_PENDING -> new Open(AlertState.PENDING, now, null, null, false, null);
					case DROP_PENDING, RESOLVE -> null;
					case FIRE -> new Open(AlertState.FIRING, open == null ? now : open.pendingSince(), now,
							step.tell() ? now : null, false, open == null ? null : open.silencedUntil());
					case RENOTIFY -> new Open(AlertState.FIRING, open.pendingSince(), open.firedAt(), now,
							open.acknowledged(), open.silencedUntil());
					case NONE -> open;
				};
				now = now.plusSeconds(30);
			}
			return this;
		}

		long count(Action a) {
			return actions.stream().filter(x -> x == a).count();
		}
	}

	@Test
	void aBreachFiresOnlyOnceItHeldForTheDuration() {
		Run run = new Run().feed(LATENCY, 2500, 2500, 2500, 2500, 2500, 2500);
		// pending at 0 s; 30, 60, 90 s still pending; fires at 120 s; then nothing more
		assertThat(run.actions).containsExactly(Action.START_PENDING, Action.NONE, Action.NONE, Action.NONE, Action.FIRE,
				Action.NONE);
		assertThat(run.notified.get(4)).isTrue();
	}

	@Test
	void aBreachShorterThanTheDurationIsDroppedWithoutNotice() {
		Run run = new Run().feed(LATENCY, 2500, 2500, 1000, 2500);
		assertThat(run.actions).containsExactly(Action.START_PENDING, Action.NONE, Action.DROP_PENDING,
				Action.START_PENDING);
		assertThat(run.notified).doesNotContain(true);
	}

	@Test
	void aValueHoveringAtTheThresholdDoesNotFlap() {
		Run run = new Run().feed(LATENCY, 2100, 2100, 2100, 2100, 2100);
		assertThat(run.count(Action.FIRE)).isOne();
		// between 1,800 and 2,000: no longer breaching, but not cleared by the hysteresis either
		run.feed(LATENCY, 1990, 2010, 1900, 2050, 1850);
		assertThat(run.count(Action.RESOLVE)).isZero();
		assertThat(run.count(Action.FIRE)).isOne();
		run.feed(LATENCY, 1800);
		assertThat(run.actions.getLast()).isEqualTo(Action.RESOLVE);
		assertThat(run.notified.getLast()).isTrue();
	}

	@Test
	void aZeroDurationFiresOnTheFirstBreachingSample() {
		Condition down = new Condition(AlertComparison.BELOW, 1, 0, Duration.ZERO, Duration.ZERO);
		Run run = new Run().feed(down, 1, 0, 0, 1);
		assertThat(run.actions).containsExactly(Action.NONE, Action.FIRE, Action.NONE, Action.RESOLVE);
	}

	@Test
	void aFiringAlertRepeatsOnTheIntervalAndNeverWithoutOne() {
		// fires at 120 s, then 40 more samples (20 min): repeats at 10 and 20 min after firing
		double[] high = new double[45];
		java.util.Arrays.fill(high, 3000);
		Run run = new Run().feed(LATENCY, high);
		assertThat(run.count(Action.FIRE)).isOne();
		assertThat(run.count(Action.RENOTIFY)).isEqualTo(2);

		Condition once = new Condition(AlertComparison.ABOVE, 2000, 200, Duration.ofMinutes(2), Duration.ZERO);
		assertThat(new Run().feed(once, high).count(Action.RENOTIFY)).isZero();
	}

	@Test
	void anAcknowledgedAlertStopsRepeatingButStillResolvesWithNotice() {
		Open acked = new Open(AlertState.FIRING, T0, T0, T0, true, null);
		Instant later = T0.plus(Duration.ofHours(1));
		assertThat(AlertMachine.step(LATENCY, acked, 3000, later).action()).isEqualTo(Action.NONE);
		Step resolve = AlertMachine.step(LATENCY, acked, 100, later);
		assertThat(resolve.action()).isEqualTo(Action.RESOLVE);
		assertThat(resolve.tell()).isTrue();
	}

	@Test
	void silenceSuppressesEveryNoticeUntilItEnds() {
		Instant until = T0.plus(Duration.ofMinutes(30));
		Open pendingSilenced = new Open(AlertState.PENDING, T0, null, null, false, until);
		Step fire = AlertMachine.step(LATENCY, pendingSilenced, 3000, T0.plus(Duration.ofMinutes(3)));
		assertThat(fire.action()).isEqualTo(Action.FIRE);
		assertThat(fire.tell()).isFalse();

		Open firingSilenced = new Open(AlertState.FIRING, T0, T0.plus(Duration.ofMinutes(3)), null, false, until);
		assertThat(AlertMachine.step(LATENCY, firingSilenced, 3000, T0.plus(Duration.ofMinutes(20))).action())
			.isEqualTo(Action.NONE);
		Step quietResolve = AlertMachine.step(LATENCY, firingSilenced, 100, T0.plus(Duration.ofMinutes(20)));
		assertThat(quietResolve.action()).isEqualTo(Action.RESOLVE);
		assertThat(quietResolve.tell()).isFalse();

		// once the silence is over, the alert that was never told is repeated at once
		Step after = AlertMachine.step(LATENCY, firingSilenced, 3000, until.plusSeconds(1));
		assertThat(after.action()).isEqualTo(Action.RENOTIFY);
		assertThat(after.tell()).isTrue();
	}

	@Test
	void belowRulesMirrorTheHysteresis() {
		Condition cache = new Condition(AlertComparison.BELOW, 90, 5, Duration.ZERO, Duration.ZERO);
		Run run = new Run().feed(cache, 95, 80, 92, 94, 95);
		assertThat(run.actions).containsExactly(Action.NONE, Action.FIRE, Action.NONE, Action.NONE, Action.RESOLVE);
	}

	@Test
	void thePreviewCountsFiresOverStoredValuesAsTheLiveMachineWould() {
		List<Bucket> values = new ArrayList<>();
		double[] series = { 100, 2500, 2500, 2500, 2500, 2500, 100, 100, 2500, 2500, 2500, 2500, 2500, 2500, 100, 2500,
				100, 2500, 2500, 2500, 2500, 2500 };
		for (int i = 0; i < series.length; i++) {
			values.add(new Bucket(T0.plusSeconds(30L * i), series[i], series[i], series[i], 1));
		}
		AlertSimulation.Result r = AlertSimulation.run(LATENCY, values);
		// three runs held for 2 min fire; the one-sample blip does not
		assertThat(r.fires()).isEqualTo(3);
		assertThat(r.samples()).isEqualTo(series.length);
		assertThat(r.firstFiredAt()).isEqualTo(T0.plusSeconds(150));
		assertThat(r.firingSeconds()).isEqualTo(30 + 60 + 0);
	}
}

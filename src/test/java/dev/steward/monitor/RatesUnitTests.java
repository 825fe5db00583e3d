package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.steward.engine.HealthMetric;
import dev.steward.monitor.internal.Rates;
import dev.steward.monitor.internal.Rates.Reading;

/** Rates from counter deltas: plain deltas, resets (server restart) and odd timing never go negative or spike. */
class RatesUnitTests {

	static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	static Reading at(long seconds, double commits, double questions) {
		return new Reading(T0.plusSeconds(seconds),
				Map.of(HealthMetric.COMMITS, commits, HealthMetric.QUESTIONS, questions));
	}

	@Test
	void aDeltaOverTheElapsedTimeIsTheRate() {
		var rates = Rates.between(at(0, 1000, 50), at(10, 1500, 80));
		assertThat(rates).containsEntry(HealthMetric.COMMITS, 50.0).containsEntry(HealthMetric.QUESTIONS, 3.0);
	}

	@Test
	void aResetGivesNoRateAndTheNextRateIsFromTheNewBaseline() {
		// commits ran at 50/s up to a restart between 20 s and 30 s; afterwards 10/s from a fresh start
		Reading before = at(20, 2000, 100);
		Reading afterRestart = at(30, 40, 5);
		Reading next = at(40, 140, 15);
		var atRestart = Rates.between(before, afterRestart);
		assertThat(atRestart).doesNotContainKeys(HealthMetric.COMMITS, HealthMetric.QUESTIONS);
		var afterwards = Rates.between(afterRestart, next);
		assertThat(afterwards).containsEntry(HealthMetric.COMMITS, 10.0).containsEntry(HealthMetric.QUESTIONS, 1.0);
	}

	@Test
	void aResetOfOneCounterLeavesTheOthers() {
		var rates = Rates.between(at(0, 1000, 50), at(10, 1100, 3));
		assertThat(rates).containsEntry(HealthMetric.COMMITS, 10.0).doesNotContainKey(HealthMetric.QUESTIONS);
	}

	@Test
	void noPreviousReadingOrNoTimeBetweenGivesNoRates() {
		assertThat(Rates.between(null, at(0, 1, 1))).isEmpty();
		assertThat(Rates.between(at(10, 1, 1), at(10, 5, 5))).as("same instant").isEmpty();
		assertThat(Rates.between(at(10, 1, 1), at(5, 5, 5))).as("out of order").isEmpty();
	}

	@Test
	void gaugesAreNeverRates() {
		var previous = new Reading(T0, Map.of(HealthMetric.CONNECTIONS, 5.0));
		var current = new Reading(T0.plusSeconds(10), Map.of(HealthMetric.CONNECTIONS, 50.0));
		assertThat(Rates.between(previous, current)).isEmpty();
	}

	@Test
	void aLongSeriesWithRestartsNeverGoesNegative() {
		double counter = 0;
		Reading previous = null;
		for (int i = 0; i < 500; i++) {
			counter = i % 97 == 0 ? i % 7 : counter + (i % 13);
			Reading current = new Reading(T0.plusSeconds(15L * i), Map.of(HealthMetric.COMMITS, counter));
			Rates.between(previous, current).values().forEach(r -> assertThat(r).isBetween(0.0, 12.0 / 15));
			previous = current;
		}
	}
}

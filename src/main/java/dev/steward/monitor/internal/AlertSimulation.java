package dev.steward.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.monitor.AlertState;
import dev.steward.monitor.internal.AlertMachine.Action;
import dev.steward.monitor.internal.AlertMachine.Open;
import dev.steward.monitor.internal.AlertMachine.Step;
import dev.steward.monitor.internal.SampleStore.Bucket;

/**
 * Replays stored values through {@link AlertMachine} in memory, as the rule editor's preview: the same machine as the
 * live evaluation, so "would have fired 3 times" means what the live rule would have done on those samples.
 */
public final class AlertSimulation {

	private AlertSimulation() {
	}

	public record Result(int samples, int fires, @Nullable Instant firstFiredAt, long firingSeconds) {
	}

	public static Result run(AlertMachine.Condition c, List<Bucket> values) {
		Open open = null;
		int fires = 0;
		Instant first = null;
		long firing = 0;
		Instant firingSince = null;
		for (Bucket b : values) {
			Instant now = b.at();
			Step step = AlertMachine.step(c, open, b.avg(), now);
			switch (step.action()) {
				case START_PENDING -> open = new Open(AlertState.PENDING, now, null, null, false, null);
				case DROP_PENDING -> open = null;
				case FIRE -> {
					fires++;
					first = first == null ? now : first;
					firingSince = now;
					open = new Open(AlertState.FIRING, open == null ? now : open.pendingSince(), now, now, false, null);
				}
				case RENOTIFY -> open = new Open(AlertState.FIRING, open.pendingSince(), open.firedAt(), now, false, null);
				case RESOLVE -> {
					firing += Duration.between(firingSince, now).toSeconds();
					firingSince = null;
					open = null;
				}
				case NONE -> {
				}
			}
		}
		if (firingSince != null && !values.isEmpty()) {
			firing += Duration.between(firingSince, values.getLast().at()).toSeconds();
		}
		return new Result(values.size(), fires, first, firing);
	}
}

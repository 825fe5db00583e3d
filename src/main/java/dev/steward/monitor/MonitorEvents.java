package dev.steward.monitor;

import java.time.Instant;
import java.util.UUID;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of the monitor module. */
public final class MonitorEvents {

	private MonitorEvents() {
	}

	public record MonitoringChanged(Actor actor, UUID connectionId, String name, boolean enabled, int intervalSeconds,
			Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "monitoring.update", "connection", connectionId.toString(),
					Outcome.SUCCESS, (enabled ? "Monitoring on, every " + intervalSeconds + " s" : "Monitoring off")
							+ " for connection '" + name + "'");
		}
	}

	/** A new sample was taken on this instance (the live stream and Prometheus export listen). */
	public record SampleTaken(HealthView sample) {
	}
}

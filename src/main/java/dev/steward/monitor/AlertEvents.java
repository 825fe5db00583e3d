package dev.steward.monitor;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.notify.Notifiable;
import dev.steward.notify.NotificationTopic;
import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of alerting: rule changes, alert transitions (all audited) and what channels are told. */
public final class AlertEvents {

	private AlertEvents() {
	}

	private static AuditEntry rule(Actor actor, String action, UUID id, String detail) {
		return new AuditEntry(Instant.now(), actor, action, "alert-rule", id.toString(), Outcome.SUCCESS, detail);
	}

	public record RuleCreated(Actor actor, UUID ruleId, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return rule(actor, "alert.rule.create", ruleId, "alert rule '" + name + "'");
		}
	}

	public record RuleUpdated(Actor actor, UUID ruleId, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return rule(actor, "alert.rule.update", ruleId, "alert rule '" + name + "'");
		}
	}

	public record RuleDeleted(Actor actor, UUID ruleId, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return rule(actor, "alert.rule.delete", ruleId, "alert rule '" + name + "'");
		}
	}

	/**
	 * An alert moved: {@code action} is one of {@code alert.pending}, {@code alert.fire}, {@code alert.renotify},
	 * {@code alert.resolve}, {@code alert.ack}, {@code alert.silence}. The system acts for evaluations, a person
	 * for ack and silence.
	 */
	public record AlertTransition(Actor actor, String action, AlertView alert, @Nullable String note, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			String detail = alert.level() + " '" + alert.ruleName() + "' on connection '" + alert.connectionName() + "'"
					+ (note == null ? "" : ": " + note);
			return new AuditEntry(at, actor, action, "alert", alert.id().toString(), Outcome.SUCCESS, detail);
		}
	}

	/**
	 * What the channels are told when an alert fires, repeats or resolves: the rule's own channels when it names
	 * some, else every channel subscribed to {@link NotificationTopic#ALERT}.
	 */
	public record AlertNotice(String subject, String summary, @Nullable String details, String link,
			Instant occurredAt, Set<UUID> channels) implements Notifiable {

		@Override
		public NotificationTopic topic() {
			return NotificationTopic.ALERT;
		}

		@Override
		public Set<UUID> channels() {
			return channels;
		}
	}

	/** An alert changed on this instance (the live stream listens; not audited itself). */
	public record AlertChanged(AlertView alert) {
	}
}

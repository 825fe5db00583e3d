package dev.steward.notify;

import java.time.Instant;
import java.util.UUID;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Changes to notification channels, for the audit trail. */
public final class NotificationEvents {

	private NotificationEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, UUID id, Outcome outcome, String detail) {
		return new AuditEntry(Instant.now(), actor, action, "notification-channel", id.toString(), outcome, detail);
	}

	public record ChannelCreated(Actor actor, UUID channelId, String name, ChannelType type) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "notification.channel.create", channelId, Outcome.SUCCESS, type + " channel " + name);
		}
	}

	public record ChannelUpdated(Actor actor, UUID channelId, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "notification.channel.update", channelId, Outcome.SUCCESS, "channel " + name);
		}
	}

	public record ChannelDeleted(Actor actor, UUID channelId, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "notification.channel.delete", channelId, Outcome.SUCCESS, "channel " + name);
		}
	}

	public record ChannelTested(Actor actor, UUID channelId, String name, boolean ok) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "notification.channel.test", channelId, ok ? Outcome.SUCCESS : Outcome.FAILURE,
					"test message to channel " + name);
		}
	}
}

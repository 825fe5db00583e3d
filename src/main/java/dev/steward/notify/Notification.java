package dev.steward.notify;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A ready-made {@link Notifiable}: publish one of these to notify without a dedicated event type. */
public record Notification(NotificationTopic topic, String subject, String summary, @Nullable String details,
		@Nullable String link, Instant occurredAt) implements Notifiable {
}

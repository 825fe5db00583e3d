package dev.steward.notify;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An application event that channels subscribed to its {@link #topic()} should hear about. Any module's event may
 * implement it; the notify module picks it up after the publishing transaction commits (through the event publication
 * registry, so it survives a restart) and queues one delivery per subscribed channel.
 */
public interface Notifiable {

	NotificationTopic topic();

	/** What it concerns, in words: "connection 'Sales' (PostgreSQL), database 'sales'". */
	String subject();

	/** What happened, one sentence: "The backup failed after 12 s." */
	String summary();

	/** The error or further facts, if any. */
	@Nullable String details();

	/** Where to look in the web app, as a path ({@code /backups/<id>}), joined to the configured base URL. */
	@Nullable String link();

	/** When it happened; with the topic and subject it identifies the notification (a republished event is sent once). */
	Instant occurredAt();

	/**
	 * When not empty, exactly these channels (if enabled) receive it, whatever topics they subscribe to: an alert
	 * rule names its own channels. Empty: every channel subscribed to the topic.
	 */
	default java.util.Set<java.util.UUID> channels() {
		return java.util.Set.of();
	}
}

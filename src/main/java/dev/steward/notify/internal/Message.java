package dev.steward.notify.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

import dev.steward.notify.Notifiable;
import dev.steward.notify.NotificationTopic;

/**
 * A notification as channels render it: a title, and lines saying what happened, to what, when, the error and where
 * to look. {@code link} is absolute (the base URL joined in).
 */
record Message(NotificationTopic topic, String subject, String summary, @Nullable String details,
		@Nullable String link, Instant occurredAt, boolean test) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	static Message of(Notifiable n, String baseUrl) {
		return new Message(n.topic(), n.subject(), n.summary(), n.details(), absolute(baseUrl, n.link()),
				n.occurredAt(), false);
	}

	private static @Nullable String absolute(String baseUrl, @Nullable String link) {
		if (link == null || link.isBlank()) {
			return null;
		}
		if (link.startsWith("http://") || link.startsWith("https://")) {
			return link;
		}
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		return base + (link.startsWith("/") ? link : "/" + link);
	}

	String title() {
		return (test ? "[Steward test] " : "[Steward] ") + topic.label() + ": " + subject;
	}

	String when() {
		return WHEN.format(occurredAt);
	}

	/** Plain text lines (email, Telegram, Teams). */
	String text() {
		StringBuilder b = new StringBuilder(summary).append("\n\n");
		b.append("What: ").append(topic.label()).append('\n');
		b.append("Where: ").append(subject).append('\n');
		b.append("When: ").append(when()).append('\n');
		if (details != null && !details.isBlank()) {
			b.append("Error: ").append(details).append('\n');
		}
		if (link != null) {
			b.append("Open in Steward: ").append(link).append('\n');
		}
		return b.toString();
	}
}

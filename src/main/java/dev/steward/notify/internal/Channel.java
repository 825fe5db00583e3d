package dev.steward.notify.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.notify.ChannelType;
import dev.steward.notify.NotificationTopic;
import dev.steward.notify.SmtpSecurity;

/** A stored channel with its secrets open: held in memory only while sending or saving. */
record Channel(UUID id, String name, ChannelType type, boolean enabled, boolean failuresOnly,
		Set<NotificationTopic> topics, Settings settings, Secrets secrets, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {

	/** What may be shown. */
	record Settings(@Nullable String smtpHost, @Nullable Integer smtpPort, @Nullable SmtpSecurity smtpSecurity,
			@Nullable String smtpUsername, @Nullable String mailFrom, @Nullable List<String> mailTo,
			@Nullable String chatId) {

		List<String> recipients() {
			return mailTo == null ? List.of() : mailTo;
		}
	}

	/** What is sealed at rest and never shown. */
	record Secrets(@Nullable String url, @Nullable String secret, @Nullable String smtpPassword,
			@Nullable String botToken) {

		static final Secrets NONE = new Secrets(null, null, null, null);
	}

	/** Whether a notification on {@code topic} goes to this channel. */
	boolean wants(NotificationTopic topic) {
		return enabled && topics.contains(topic) && (!failuresOnly || topic.failure());
	}

	ChannelView view() {
		return new ChannelView(id, name, type, enabled, failuresOnly, topics, secrets.url() != null,
				urlHost(secrets.url()), secrets.secret() != null, settings.smtpHost(), settings.smtpPort(),
				settings.smtpSecurity(), settings.smtpUsername(), secrets.smtpPassword() != null, settings.mailFrom(),
				settings.recipients(), secrets.botToken() != null, settings.chatId(), createdAt, updatedAt);
	}

	private static @Nullable String urlHost(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			java.net.URI uri = java.net.URI.create(url);
			return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}

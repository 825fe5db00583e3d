package dev.steward.notify.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.notify.ChannelType;
import dev.steward.notify.NotificationTopic;
import dev.steward.notify.SmtpSecurity;

/**
 * A channel as the API shows it: never a secret, only whether one is set. The URL may carry a token (Slack, Discord,
 * Teams), so only its scheme and host are shown ({@code urlHost}).
 */
public record ChannelView(UUID id, String name, ChannelType type, boolean enabled, boolean failuresOnly,
		Set<NotificationTopic> topics, boolean hasUrl, @Nullable String urlHost, boolean hasSecret,
		@Nullable String smtpHost, @Nullable Integer smtpPort, @Nullable SmtpSecurity smtpSecurity,
		@Nullable String smtpUsername, boolean hasSmtpPassword, @Nullable String mailFrom, List<String> mailTo,
		boolean hasBotToken, @Nullable String chatId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}

package dev.steward.notify.internal;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.notify.ChannelType;
import dev.steward.notify.NotificationTopic;
import dev.steward.notify.SmtpSecurity;
import dev.steward.shared.SafeText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A channel as it is created or replaced. Which fields count depends on the type: {@code url} (webhook, Slack, Teams,
 * Discord; Telegram's API base, default {@code https://api.telegram.org}), {@code secret} (webhook HMAC key),
 * {@code smtp*} / {@code mailFrom} / {@code mailTo} (email), {@code botToken} / {@code chatId} (Telegram). Secrets
 * ({@code url}, {@code secret}, {@code smtpPassword}, {@code botToken}) left out on a replace keep their stored value;
 * an empty string removes an optional one.
 */
public record ChannelDraft(@NotBlank @SafeText @Size(max = 100) String name, @NotNull ChannelType type,
		@Nullable Boolean enabled, @Nullable Boolean failuresOnly, @Nullable Set<NotificationTopic> topics,
		@Nullable @SafeText @Size(max = 2000) String url, @Nullable @Size(max = 500) String secret,
		@Nullable @SafeText @Size(max = 255) String smtpHost, @Nullable @Min(1) @Max(65535) Integer smtpPort,
		@Nullable SmtpSecurity smtpSecurity, @Nullable @SafeText @Size(max = 255) String smtpUsername,
		@Nullable @Size(max = 500) String smtpPassword, @Nullable @SafeText @Size(max = 320) String mailFrom,
		@Nullable @Size(max = 20) List<@NotBlank @SafeText @Size(max = 320) String> mailTo,
		@Nullable @Size(max = 200) String botToken, @Nullable @SafeText @Size(max = 64) String chatId) {
}

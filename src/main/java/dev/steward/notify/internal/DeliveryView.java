package dev.steward.notify.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.notify.ChannelType;
import dev.steward.notify.DeliveryStatus;
import dev.steward.notify.NotificationTopic;

/** One notification to one channel, with every attempt made so far. */
public record DeliveryView(UUID id, UUID channelId, String channelName, ChannelType channelType,
		NotificationTopic topic, String subject, String summary, DeliveryStatus status, int attempts,
		@Nullable OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, @Nullable OffsetDateTime finishedAt,
		@Nullable String lastError, List<DeliveryAttempt> attemptLog) {

	public record DeliveryAttempt(int attempt, OffsetDateTime attemptedAt, boolean ok, long durationMillis,
			@Nullable String error) {
	}
}

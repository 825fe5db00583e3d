package dev.steward.notify.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code steward.notify.*}: where links in messages point, how long one send may take, and how deliveries are retried
 * (exponential backoff from {@code first-retry-delay}, doubling up to {@code max-retry-delay}), and how long finished
 * deliveries stay in the log ({@code log-retention}).
 */
@ConfigurationProperties("steward.notify")
public record NotifyProperties(@Nullable String baseUrl, @Nullable Duration timeout, @Nullable Integer maxAttempts,
		@Nullable Duration firstRetryDelay, @Nullable Duration maxRetryDelay, @Nullable Duration logRetention) {

	public NotifyProperties {
		timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
		maxAttempts = maxAttempts == null ? 8 : Math.max(1, maxAttempts);
		firstRetryDelay = firstRetryDelay == null ? Duration.ofSeconds(30) : firstRetryDelay;
		maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(1) : maxRetryDelay;
		logRetention = logRetention == null ? Duration.ofDays(30) : logRetention;
	}

	/** The wait before attempt {@code attempt + 1} after {@code attempt} failed ones: first delay × 2^(attempt-1), capped. */
	Duration retryDelay(int attempt) {
		long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
		Duration delay = firstRetryDelay.multipliedBy(factor);
		return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
	}
}

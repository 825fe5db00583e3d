package dev.steward.catalog.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param statementTimeout bound on every catalog statement sent to a target (browsing must stay cheap)
 * @param countTimeout     bound on an exact row count, which reads a whole table
 * @param sampleSize       documents MongoDB field inference samples per collection
 * @param syncInterval     re-sync every connection that was synced before, this often; null = only on demand
 */
@ConfigurationProperties("steward.catalog")
public record CatalogProperties(@Nullable Duration statementTimeout, @Nullable Duration countTimeout,
		@Nullable Integer sampleSize, @Nullable Duration syncInterval) {

	public CatalogProperties {
		statementTimeout = statementTimeout == null ? Duration.ofSeconds(10) : statementTimeout;
		countTimeout = countTimeout == null ? Duration.ofSeconds(30) : countTimeout;
		sampleSize = sampleSize == null ? 100 : Math.max(1, Math.min(10_000, sampleSize));
	}

	public Duration statement() {
		return statementTimeout == null ? Duration.ofSeconds(10) : statementTimeout;
	}

	public Duration count() {
		return countTimeout == null ? Duration.ofSeconds(30) : countTimeout;
	}

	public int sample() {
		return sampleSize == null ? 100 : sampleSize;
	}
}

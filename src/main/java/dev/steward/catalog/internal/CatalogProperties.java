package dev.steward.catalog.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param statementTimeout bound on every catalog statement sent to a target (browsing must stay cheap)
 * @param countTimeout     bound on an exact row count, which reads a whole table
 * @param sampleSize       documents MongoDB field inference samples per collection (1-10,000)
 * @param syncInterval     re-sync every connection that was synced before, this often; null = only on demand
 *                         (read by {@link ScheduledCatalogSync})
 * @param databaseListTtl  how long a server's database list is trusted when checking a requested database name
 */
@ConfigurationProperties("steward.catalog")
public record CatalogProperties(@DefaultValue("10s") Duration statementTimeout,
		@DefaultValue("30s") Duration countTimeout, @DefaultValue("100") int sampleSize,
		@Nullable Duration syncInterval, @DefaultValue("30s") Duration databaseListTtl) {

	public CatalogProperties {
		sampleSize = Math.max(1, Math.min(10_000, sampleSize));
	}
}

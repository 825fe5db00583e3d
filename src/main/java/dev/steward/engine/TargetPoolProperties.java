package dev.steward.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on the pools Steward keeps to target databases ({@code steward.engine.pools.*}).
 *
 * @param maxDatabasePools              pools for databases other than a connection's own, all connections together
 * @param maxDatabasePoolsPerConnection the same, per connection
 * @param idleTimeout                   a pooled connection idle this long is closed (HikariCP: at least 10 s)
 * @param closeUnusedAfter              a whole pool nobody asked for this long is closed, threads and all
 */
@ConfigurationProperties("steward.engine.pools")
public record TargetPoolProperties(@DefaultValue("32") int maxDatabasePools,
		@DefaultValue("8") int maxDatabasePoolsPerConnection, @DefaultValue("60s") Duration idleTimeout,
		@DefaultValue("5m") Duration closeUnusedAfter) {

	public TargetPoolProperties {
		maxDatabasePools = Math.max(1, maxDatabasePools);
		maxDatabasePoolsPerConnection = Math.max(1, Math.min(maxDatabasePools, maxDatabasePoolsPerConnection));
		if (closeUnusedAfter.compareTo(Duration.ofSeconds(1)) < 0) {
			closeUnusedAfter = Duration.ofSeconds(1);
		}
	}

	public static TargetPoolProperties defaults() {
		return new TargetPoolProperties(32, 8, Duration.ofSeconds(60), Duration.ofMinutes(5));
	}

	/** How often the sweeper looks: a quarter of {@link #closeUnusedAfter}, between 1 s and 30 s. */
	public Duration sweepInterval() {
		Duration quarter = closeUnusedAfter.dividedBy(4);
		return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
				: quarter.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : quarter;
	}
}

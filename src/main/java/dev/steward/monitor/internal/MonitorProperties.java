package dev.steward.monitor.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled           sample on this instance (other instances on the store still sample); read at run time
 * @param tick              how often the sampler looks for due connections
 * @param maxConcurrent     samples running at once on this instance
 * @param statementTimeout  bound on each statement of a sample
 * @param sampleTimeout     bound on a whole sample, connect included; longer is DOWN (TIMEOUT)
 * @param defaultInterval   interval of a connection whose monitoring is switched on without one
 * @param minInterval       the shortest interval a connection may have
 * @param degradedLatency   a round trip slower than this is DEGRADED
 * @param degradedUsage     connections used at or above this percentage of the maximum is DEGRADED
 * @param flushInterval     samples are written to the store in batches this often
 * @param rollupInterval    how often rollups and retention run
 * @param rollupLag         a minute is rolled up this long after it ended (late writes still count)
 * @param rawRetention      raw samples kept this long
 * @param minuteRetention   1-minute aggregates kept this long
 * @param hourRetention     1-hour aggregates kept this long
 * @param maxExported       connections exported to Prometheus at most (bounds the label cardinality)
 * @param checkInterval     how often the check rules (backup age, certificates, target space, job failures) run
 * @param certProbeInterval a connection's certificate is read at most this often (a TLS handshake each time)
 * @param maintenancePoll   how often due maintenance schedules are looked for (a run starts within this of its time)
 */
@ConfigurationProperties("steward.monitor")
public record MonitorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration tick,
		@DefaultValue("8") int maxConcurrent, @DefaultValue("3s") Duration statementTimeout,
		@DefaultValue("10s") Duration sampleTimeout, @DefaultValue("30s") Duration defaultInterval,
		@DefaultValue("5s") Duration minInterval, @DefaultValue("2000ms") Duration degradedLatency,
		@DefaultValue("80") double degradedUsage, @DefaultValue("2s") Duration flushInterval,
		@DefaultValue("60s") Duration rollupInterval, @DefaultValue("2m") Duration rollupLag,
		@DefaultValue("48h") Duration rawRetention, @DefaultValue("14d") Duration minuteRetention,
		@DefaultValue("365d") Duration hourRetention, @DefaultValue("500") int maxExported,
		@DefaultValue("60s") Duration checkInterval, @DefaultValue("1h") Duration certProbeInterval,
		@DefaultValue("30s") Duration maintenancePoll) {

	public MonitorProperties {
		maxConcurrent = Math.max(1, maxConcurrent);
		if (minInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			minInterval = Duration.ofSeconds(1);
		}
	}

	public static MonitorProperties defaults() {
		return new MonitorProperties(true, Duration.ofSeconds(1), 8, Duration.ofSeconds(3), Duration.ofSeconds(10),
				Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(2000), 80, Duration.ofSeconds(2),
				Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofHours(48), Duration.ofDays(14),
				Duration.ofDays(365), 500, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(30));
	}
}

package dev.steward.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on every conversation with a target database.
 *
 * @param connectTimeout TCP connect plus the login handshake, for drivers and client tools alike
 * @param readTimeout    how long a metadata read (catalog, tests) may wait for the server once connected;
 *                       must exceed the catalog's statement and count timeouts
 */
@ConfigurationProperties("steward.engine")
public record EngineProperties(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("60s") Duration readTimeout) {

	public static EngineProperties defaults() {
		return new EngineProperties(Duration.ofSeconds(5), Duration.ofSeconds(60));
	}

	/** Whole seconds, at least one: libpq and the MariaDB client count in seconds. */
	public int connectSeconds() {
		return (int) Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
	}
}

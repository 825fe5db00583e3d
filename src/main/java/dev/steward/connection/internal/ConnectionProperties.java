package dev.steward.connection.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the connection module.
 *
 * @param masterKey          base64 of 32 bytes (STEWARD_MASTER_KEY); blank means "use the generated key file"
 * @param sqliteAllowedDirs  where SQLite files may live; empty means {@code <data>/sqlite} (never where Steward keeps its own files)
 * @param testTimeout        how long a connection test may take before it counts as TIMEOUT
 * @param sample             the Chinook sample offered on a fresh install
 * @param ssh                SSH tunnels
 */
@ConfigurationProperties("steward.connection")
public record ConnectionProperties(@Nullable String masterKey, @Nullable List<Path> sqliteAllowedDirs,
		@DefaultValue("5s") Duration testTimeout, @DefaultValue Sample sample, @DefaultValue Ssh ssh) {

	public ConnectionProperties {
		sqliteAllowedDirs = sqliteAllowedDirs == null ? List.of() : List.copyOf(sqliteAllowedDirs);
	}

	/**
	 * @param idleTimeout a tunnel nobody asked for this long and with nothing forwarded through it is closed
	 * @param keepAlive   how often an open tunnel checks that the SSH server still answers
	 */
	public record Ssh(@DefaultValue("10m") Duration idleTimeout, @DefaultValue("15s") Duration keepAlive) {
	}

	public record Sample(@DefaultValue("true") boolean enabled) {
	}
}

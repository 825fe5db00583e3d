package dev.steward.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cache how long an instance keeps the stored settings before reading them again (a change made on this
 * instance applies at once; one made on another within this time)
 * @param minTimeout the shortest idle or absolute session timeout an administrator may set (tests lower it)
 * @param idleTimeout the idle timeout until an administrator saves settings
 * @param absoluteTimeout the absolute timeout until an administrator saves settings
 */
@ConfigurationProperties("steward.security.settings")
public record SecuritySettingsProperties(@DefaultValue("5s") Duration cache, @DefaultValue("60s") Duration minTimeout,
		@DefaultValue("8h") Duration idleTimeout, @DefaultValue("24h") Duration absoluteTimeout) {
}

package dev.steward.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which target hosts Steward may connect to: entries are CIDRs ({@code 10.0.0.0/8}, {@code fe80::/10}),
 * addresses, host names or {@code *.suffix} patterns. A host is refused if its name or any address it resolves
 * to is denied; when {@code allowedHosts} is not empty, it must also be allowed by name or by every address.
 *
 * @param allowedHosts empty means every host that is not denied
 * @param deniedHosts  defaults to the link-local ranges, where cloud metadata services live
 */
@ConfigurationProperties("steward.connection")
public record TargetHostProperties(@Nullable List<String> allowedHosts, @Nullable List<String> deniedHosts) {

	public static final List<String> DEFAULT_DENIED = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254");

	public TargetHostProperties {
		allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
		deniedHosts = deniedHosts == null ? DEFAULT_DENIED : List.copyOf(deniedHosts);
	}

	public static TargetHostProperties defaults() {
		return new TargetHostProperties(null, null);
	}
}

package dev.steward.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password sign-in, {@code steward.security.local-login.*}.
 *
 * @param enabled false when everyone signs in through single sign-on: passwords are refused...
 * @param breakGlassUser ...except this account's (an administrator kept for when the provider is down); empty for none
 */
@ConfigurationProperties("steward.security.local-login")
public record LocalLoginProperties(@DefaultValue("true") boolean enabled, @DefaultValue("admin") String breakGlassUser) {

	/** Whether this username may sign in with a password. */
	public boolean allows(String username) {
		return enabled || (!breakGlassUser.isBlank() && breakGlassUser.equalsIgnoreCase(username));
	}
}

package dev.steward.security.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.steward.security.Role;

/**
 * Single sign-on providers, {@code steward.security.oidc.providers.<key>.*}. None configured: no OAuth2 filter is
 * added to the security chain and nothing is fetched (see {@link OidcLogin}).
 *
 * @param providers by key; the key is in the login and callback URLs ({@code [a-z0-9-]}, at most 32)
 */
@ConfigurationProperties("steward.security.oidc")
public record OidcProperties(@DefaultValue Map<String, Provider> providers) {

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	public OidcProperties {
		providers.forEach((key, provider) -> {
			if (!KEY.matcher(key).matches()) {
				throw new IllegalArgumentException("steward.security.oidc.providers: the key '" + key
						+ "' must be 1 to 32 of a-z, 0-9 and '-', starting with a letter or digit");
			}
			if (provider.issuerUri() == null || provider.clientId() == null || provider.clientId().isBlank()) {
				throw new IllegalArgumentException(
						"steward.security.oidc.providers." + key + ": issuer-uri and client-id are required");
			}
		});
	}

	/**
	 * @param issuerUri the issuer; its {@code /.well-known/openid-configuration} is read on the first sign-in
	 * @param scopes requested scopes; {@code openid} is always added
	 * @param displayName the button's text ("Sign in with …"); the key when absent
	 * @param roleClaim the claim holding group names (a string or a list of strings)
	 * @param roleMapping claim value → role; a person in several mapped groups gets the highest role
	 * @param defaultRole the role of a person in no mapped group; absent, such a person is refused
	 * @param redirectUri where the provider sends the browser back; by default
	 * {@code {baseUrl}/api/auth/oidc/callback/{registrationId}}
	 */
	public record Provider(URI issuerUri, String clientId, @Nullable String clientSecret,
			@DefaultValue({ "openid", "profile", "email" }) List<String> scopes, @Nullable String displayName,
			@DefaultValue("groups") String roleClaim, @DefaultValue Map<String, Role> roleMapping,
			@Nullable Role defaultRole, @Nullable String redirectUri) {

		public String label(String key) {
			return displayName == null || displayName.isBlank() ? key : displayName;
		}
	}
}

package dev.steward.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

/**
 * The configured providers as Spring Security client registrations, each discovered from its issuer's
 * {@code /.well-known/openid-configuration} at its first use (not at start-up, so a provider that is down does not
 * stop Steward, and start-up fetches nothing). A failed discovery is tried again at the next sign-in. The fetch is
 * time-bounded and size-bounded; the issuer the document names must be the configured one.
 */
class OidcRegistrations implements ClientRegistrationRepository {

	static final String CALLBACK = "{baseUrl}" + OidcLogin.CALLBACK_PATH + "{registrationId}";

	private static final int MAX_DOCUMENT = 256 * 1024;

	/** The provider could not be reached or its discovery document is unusable. */
	static final class Unavailable extends RuntimeException {

		Unavailable(String message, @Nullable Throwable cause) {
			super(message, cause);
		}
	}

	private final OidcProperties properties;

	private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

	OidcRegistrations(OidcProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String key) {
		OidcProperties.Provider provider = properties.providers().get(key);
		if (provider == null) {
			return null;
		}
		ClientRegistration known = discovered.get(key);
		if (known != null) {
			return known;
		}
		ClientRegistration fresh = discover(key, provider);
		ClientRegistration raced = discovered.putIfAbsent(key, fresh);
		return raced != null ? raced : fresh;
	}

	private ClientRegistration discover(String key, OidcProperties.Provider provider) {
		String issuer = provider.issuerUri().toString();
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		OIDCProviderMetadata metadata;
		try {
			metadata = OIDCProviderMetadata.parse(fetch(URI.create(base + "/.well-known/openid-configuration")));
		}
		catch (IOException | ParseException | IllegalArgumentException e) {
			throw new Unavailable("The discovery document of provider " + key + " could not be read", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new Unavailable("Interrupted while reading the discovery document of provider " + key, e);
		}
		String named = metadata.getIssuer().getValue();
		if (!named.equals(issuer) && !named.equals(base)) {
			throw new Unavailable("Provider " + key + " names issuer " + named + ", not the configured " + issuer,
					null);
		}
		if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
				|| metadata.getJWKSetURI() == null) {
			throw new Unavailable("The discovery document of provider " + key + " lacks an endpoint", null);
		}
		Set<String> scopes = new LinkedHashSet<>();
		scopes.add("openid");
		scopes.addAll(provider.scopes());
		boolean secret = provider.clientSecret() != null && !provider.clientSecret().isBlank();
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(key);
		if (secret) {
			builder.clientSecret(provider.clientSecret());
		}
		return builder.clientId(provider.clientId())
			// a public client (no secret) authenticates with PKCE, which Spring Security adds for it
			.clientAuthenticationMethod(secret ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
					: ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(provider.redirectUri() != null ? provider.redirectUri() : CALLBACK)
			.scope(scopes)
			.authorizationUri(metadata.getAuthorizationEndpointURI().toASCIIString())
			.tokenUri(metadata.getTokenEndpointURI().toASCIIString())
			.jwkSetUri(metadata.getJWKSetURI().toASCIIString())
			.userInfoUri(metadata.getUserInfoEndpointURI() == null ? null
					: metadata.getUserInfoEndpointURI().toASCIIString())
			.userNameAttributeName("sub")
			.issuerUri(named)
			.clientName(provider.label(key))
			.build();
	}

	private String fetch(URI uri) throws IOException, InterruptedException {
		// a client per discovery (once per provider unless it fails), so none exists, nor its thread, without SSO
		try (HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()) {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(10))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			return read(uri, response);
		}
	}

	private static String read(URI uri, HttpResponse<InputStream> response) throws IOException {
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode() + " from " + uri);
			}
			byte[] bytes = body.readNBytes(MAX_DOCUMENT + 1);
			if (bytes.length > MAX_DOCUMENT) {
				throw new IOException("The discovery document is over " + MAX_DOCUMENT + " bytes");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}
}

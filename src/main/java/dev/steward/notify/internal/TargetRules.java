package dev.steward.notify.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetHostRefused;
import dev.steward.shared.InvalidInput;

/**
 * Where a channel may send: http(s) URLs and SMTP hosts that pass the admin's host rule
 * ({@code steward.connection.allowed-hosts} / {@code denied-hosts}; cloud metadata addresses are denied by default).
 * Checked on save and again on every send, since a name may later resolve elsewhere.
 */
@Component
class TargetRules {

	private final TargetAccess access;

	TargetRules(TargetAccess access) {
		this.access = access;
	}

	/** The URL, checked; {@link InvalidInput} naming {@code field} otherwise. */
	URI url(String field, String value) {
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException e) {
			throw new InvalidInput(field, "is not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidInput(field, "must be an http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new InvalidInput(field, "must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidInput(field, "must not carry a user name or password");
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidInput(field, "must not have a fragment");
		}
		host(field, uri.getHost());
		return uri;
	}

	/** {@link InvalidInput} naming {@code field} unless the host rule lets Steward reach {@code host}. */
	void host(String field, String host) {
		try {
			access.hosts().resolve(host);
		}
		catch (TargetHostRefused e) {
			throw new InvalidInput(field, e.getMessage());
		}
	}
}

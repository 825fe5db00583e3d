package dev.steward.security.internal;

import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import dev.steward.security.StewardUser;

/** A request authenticated by a personal API token: the token's user with that user's current role. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final StewardUser user;

	private final UUID tokenId;

	private final boolean readOnly;

	ApiTokenAuthentication(StewardUser user, UUID tokenId, boolean readOnly) {
		super(user.getAuthorities());
		this.user = user;
		this.tokenId = tokenId;
		this.readOnly = readOnly;
		setAuthenticated(true);
	}

	/** Refuses the current request if an API token authenticated it: for actions that need a person's session. */
	static void refuseIfCurrent(String why) {
		if (org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication() instanceof ApiTokenAuthentication) {
			throw new org.springframework.security.access.AccessDeniedException(why);
		}
	}

	UUID tokenId() {
		return tokenId;
	}

	/** A read-only token may only read: GET, HEAD and OPTIONS. */
	boolean readOnly() {
		return readOnly;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public StewardUser getPrincipal() {
		return user;
	}
}

package dev.steward.security;

import java.util.UUID;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling: other modules ask this for ownership checks instead of touching Spring Security. */
public record CurrentUser(UUID id, String username, Role role) {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	public boolean canOperate() {
		return role == Role.ADMIN || role == Role.OPERATOR;
	}

	public static CurrentUser require() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof StewardUser user) {
			return new CurrentUser(user.id(), user.getUsername(), user.role());
		}
		throw new AuthenticationCredentialsNotFoundException("Not logged in");
	}
}

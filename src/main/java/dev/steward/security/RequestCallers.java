package dev.steward.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

import dev.steward.security.internal.ApiTokens;
import dev.steward.shared.web.StewardRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who sent a request, also when it was refused before the security chain authenticated it (a missing CSRF token,
 * a body over the size limit): the username the chain left on the request, else the owner of a live bearer
 * token, else the user of the existing session. Never creates a session. For attributing records only: it
 * grants nothing.
 */
@Component
public class RequestCallers {

	private final ApiTokens tokens;

	RequestCallers(ApiTokens tokens) {
		this.tokens = tokens;
	}

	public @Nullable String username(HttpServletRequest request) {
		String user = StewardRequest.user(request);
		if (user != null) {
			return user;
		}
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			// a bearer token wins over any session cookie, as in the security chain
			return tokens.ownerOf(header.substring(7).trim()).orElse(null);
		}
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		try {
			if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
					instanceof SecurityContext context) {
				Authentication auth = context.getAuthentication();
				if (auth != null && auth.getPrincipal() instanceof StewardUser principal) {
					return principal.getUsername();
				}
			}
		}
		catch (IllegalStateException e) {
			// the session was invalidated while the request ran (a logout): nobody is logged in any more
		}
		return null;
	}
}

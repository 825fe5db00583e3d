package dev.steward.security.internal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

import dev.steward.security.StewardUser;
import dev.steward.shared.web.StewardRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Begins the session of a user who has just signed in, the same for a password and a single sign-on: a new session
 * (no fixation), stamped with the user's session epoch, a new CSRF token, the principal in the security context.
 */
@Component
public class SessionStarter {

	private final SecurityContextRepository contexts;

	private final UserSessions sessions;

	private final CsrfTokenRepository csrfTokens;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecuritySettingsStore settings;

	SessionStarter(SecurityContextRepository contexts, UserSessions sessions, CsrfTokenRepository csrfTokens,
			SecuritySettingsStore settings) {
		this.contexts = contexts;
		this.sessions = sessions;
		this.csrfTokens = csrfTokens;
		this.settings = settings;
	}

	public void start(StewardUser user, HttpServletRequest request, HttpServletResponse response) {
		end(request);
		HttpSession session = request.getSession(true);
		sessions.begin(session, user.id(), settings.current());
		rotateCsrfToken(request, response);
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		holder.setContext(context);
		contexts.saveContext(context, request, response);
		request.setAttribute(StewardRequest.USER, user.getUsername());
	}

	/** Ends the request's session, if any, and forgets its authentication. */
	public void end(HttpServletRequest request) {
		HttpSession old = request.getSession(false);
		if (old != null) {
			old.invalidate();
		}
		holder.clearContext();
	}

	/** A token seen before the login (or the logout) is not accepted after it. */
	public void rotateCsrfToken(HttpServletRequest request, HttpServletResponse response) {
		csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
	}
}

package dev.steward.security.internal;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.steward.security.StewardUser;
import dev.steward.shared.web.StewardRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Inside the security chain (not a bean, so the servlet container does not register it a second time):
 * <ul>
 * <li>{@code Authorization: Bearer stw_…} authenticates as the token's user; an unknown, revoked or expired
 * token is a 401 right here, whatever session cookie came along.</li>
 * <li>A session principal is re-read from the store on every request (a primary-key lookup): a disabled or
 * deleted user loses the session at once, and a changed role applies at once. So does a session ended by a
 * password change or "sign out everywhere else" ({@link UserSessions}), and one past the absolute timeout of
 * the security settings; the idle timeout is the session's own inactive interval, kept to the settings.</li>
 * <li>The username is left on the request for the filters outside the chain (request log, audit).</li>
 * </ul>
 */
class RequestAuthenticationFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final UserStore users;

	private final SecurityContextRepository contexts;

	private static final java.util.Set<String> READ_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecuritySettingsStore settings;

	RequestAuthenticationFilter(ApiTokens tokens, UserStore users, SecurityContextRepository contexts,
			SecuritySettingsStore settings) {
		this.tokens = tokens;
		this.users = users;
		this.contexts = contexts;
		this.settings = settings;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			Optional<ApiTokenAuthentication> auth = tokens.authenticate(header.substring(7).trim());
			if (auth.isEmpty()) {
				SecurityConfiguration.problem(response, HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid API token",
						"The API token is unknown, revoked or expired");
				return;
			}
			if (auth.get().readOnly() && !READ_METHODS.contains(request.getMethod())) {
				// refused here, before any controller reads (and validates) the body
				request.setAttribute(StewardRequest.USER, auth.get().getPrincipal().getUsername());
				SecurityConfiguration.problem(response, HttpStatus.FORBIDDEN, "read-only-token", "Read-only API token",
						"This API token may only read (GET); use a token without the read-only scope to make changes");
				return;
			}
			SecurityContext context = holder.createEmptyContext();
			context.setAuthentication(auth.get());
			holder.setContext(context);
		}
		else {
			revalidateSession(request, response);
		}
		Authentication auth = holder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof StewardUser user) {
			request.setAttribute(StewardRequest.USER, user.getUsername());
		}
		chain.doFilter(request, response);
	}

	private void revalidateSession(HttpServletRequest request, HttpServletResponse response) {
		Authentication auth = holder.getContext().getAuthentication();
		if (auth == null) {
			return;
		}
		HttpSession session = request.getSession(false);
		if (!(auth.getPrincipal() instanceof StewardUser principal)) {
			// e.g. a provider's identity left by an interrupted single sign-on: only a Steward user is signed in
			if (session != null) {
				session.invalidate();
			}
			holder.clearContext();
			return;
		}
		Optional<UserStore.UserRow> row = users.findById(principal.id());
		if (row.isEmpty() || !row.get().enabled() || session == null || !UserSessions.isCurrent(session, row.get())
				|| UserSessions.outlived(session, settings.current())) {
			if (session != null) {
				session.invalidate();
			}
			holder.clearContext();
			return;
		}
		UserStore.UserRow current = row.get();
		if (current.role() != principal.role() || !current.username().equals(principal.getUsername())) {
			StewardUser fresh = current.toPrincipal().withoutPassword();
			SecurityContext context = holder.createEmptyContext();
			context.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
			holder.setContext(context);
			contexts.saveContext(context, request, response);
		}
	}
}

package dev.steward.security.internal;

import java.io.IOException;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.security.StewardUser;
import dev.steward.shared.web.StewardRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * In the security chain right after {@link RequestAuthenticationFilter}, so the caller's role is known:
 * <ul>
 * <li>The address allowlists: a call to the API from outside the global list, or from outside its role's list,
 * is a 403 {@code address-not-allowed}, recorded by the audit of rejected calls. The address is the client's as
 * {@link ClientAddresses} resolves it (forwarding headers only from trusted proxies). Health probes are exempt.</li>
 * <li>Two-factor enforcement: a session of a local (password) user whose role must use two-factor sign-in, who
 * has not enrolled (single sign-on users rely on their identity provider),
 * reaches only the enrolment, {@code /me}, the CSRF token and logout until enrolled (403
 * {@code two-factor-enrolment-required}). API tokens are the non-interactive path and are not affected.</li>
 * </ul>
 */
class AccessPolicyFilter extends OncePerRequestFilter {

	/** What an unenrolled user of an enforced role may still call. */
	private static final Set<String> ENROLMENT_PATHS = Set.of("/api/auth/me", "/api/auth/csrf", "/api/auth/logout",
			"/api/auth/two-factor", "/api/auth/two-factor/enrolment", "/api/auth/two-factor/enrolment/confirm");

	private final SecuritySettingsStore settings;

	private final TwoFactor twoFactor;

	AccessPolicyFilter(SecuritySettingsStore settings, TwoFactor twoFactor) {
		this.settings = settings;
		this.twoFactor = twoFactor;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return !(path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs"))
				|| path.startsWith("/actuator/health");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecuritySettings current = settings.current();
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		StewardUser user = auth != null && auth.getPrincipal() instanceof StewardUser u ? u : null;
		Role role = user == null ? null : user.role();
		String address = request.getRemoteAddr();
		if (!Allowlists.allows(current, role, address)) {
			request.setAttribute(StewardRequest.ADDRESS_REFUSED, Boolean.TRUE);
			SecurityConfiguration.problem(response, HttpStatus.FORBIDDEN, "address-not-allowed", "Address not allowed",
					"Requests from " + address + " are not allowed"
							+ (role == null ? "" : " for the role " + role) + "; ask an administrator");
			return;
		}
		if (user != null && !(auth instanceof ApiTokenAuthentication) && mustEnrol(current, user)
				&& !ENROLMENT_PATHS.contains(path(request))) {
			SecurityConfiguration.problem(response, HttpStatus.FORBIDDEN, "two-factor-enrolment-required",
					"Two-factor enrolment required", "Your role must use two-factor sign-in: enrol an authenticator "
							+ "app on your profile before doing anything else");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean mustEnrol(SecuritySettings current, StewardUser user) {
		return twoFactor.mustEnrol(current, user.id(), user.role());
	}

	private static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.substring(request.getContextPath().length());
	}
}

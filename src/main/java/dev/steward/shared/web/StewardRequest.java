package dev.steward.shared.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Request attributes modules hand to each other across the servlet filter chain. Filters that run outside
 * Spring Security's chain (request log, audit of rejected calls) cannot see its security context after it has
 * been cleared, so the security module leaves the authenticated username here.
 */
public final class StewardRequest {

	/** The authenticated username (String), set by the security module once it knows who is calling. */
	public static final String USER = "dev.steward.user";

	/**
	 * Set (to {@code Boolean.TRUE}) when the handler already published an audit event for a failed outcome,
	 * so the audit of rejected calls does not record the same call twice.
	 */
	public static final String AUDITED = "dev.steward.audited";

	/**
	 * Set (to {@code Boolean.TRUE}) when the security module refused the request because of the caller's address
	 * (allowlist), so the audit of rejected calls records it whatever the method, not only mutating calls.
	 */
	public static final String ADDRESS_REFUSED = "dev.steward.address-refused";

	private StewardRequest() {
	}

	public static @Nullable String user(HttpServletRequest request) {
		return request.getAttribute(USER) instanceof String user ? user : null;
	}

	public static void markAudited(HttpServletRequest request) {
		request.setAttribute(AUDITED, Boolean.TRUE);
	}

	/** {@link #markAudited} for the request this thread serves, if any: for services that have no request at hand. */
	public static void markCurrentAudited() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			markAudited(attributes.getRequest());
		}
	}

	public static boolean isAddressRefused(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(ADDRESS_REFUSED));
	}

	public static boolean isAudited(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(AUDITED));
	}
}

package dev.steward.audit.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.steward.security.RequestCallers;
import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.web.StewardRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records every mutating API call that ends in an error status (validation, 401/403 from Spring Security or method
 * security, 404, 409, 413, 429, 500 …). Successful mutations are recorded by their domain events, so each call
 * yields exactly one record; handlers that already published an event for their failure mark the request
 * ({@link StewardRequest#markAudited}) and are skipped here. A call of any method refused by the address allowlist
 * ({@link StewardRequest#isAddressRefused}) is recorded too, the same way (anonymous ones counted per address).
 * <p>
 * Registered ahead of Spring Security's filter chain so it sees the final status of every response. The caller is
 * resolved here ({@link RequestCallers}), because a call refused before authentication finished (CSRF, 413) has
 * no username on the request yet. A known caller's refusal is written synchronously, because a rejected call has
 * no transaction whose commit could trigger a listener; an anonymous one is only counted, and written per source
 * address and window off the request path ({@link AnonymousRejections}), so strangers cannot flood the chain.
 */
@Configuration(proxyBeanMethods = false)
class RejectedCallAudit {

	/** Inside the request log (which is outermost), outside the body size limit and Spring Security. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

	/** A call refused by the address allowlist, whatever its method. */
	static final String ADDRESS_REFUSED = "security.address-not-allowed";

	@Bean
	FilterRegistrationBean<Filter> rejectedCallAuditFilter(AuditLog log, AnonymousRejections anonymous,
			RequestCallers callers) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(log, anonymous, callers));
		registration.setOrder(ORDER);
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	static AuditEntry entry(HttpServletRequest request, int status, @Nullable String user) {
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] segments = path.split("/");
		// "/api/users/42/password" -> ["", "api", "users", "42", "password"]
		String targetType = segments.length > 2 && !segments[2].isEmpty() ? segments[2] : "api";
		String targetId = segments.length > 3 && !segments[3].isEmpty() ? segments[3] : null;
		Outcome outcome = status == 401 || status == 403 || status == 429 ? Outcome.DENIED : Outcome.FAILURE;
		boolean refusedAddress = StewardRequest.isAddressRefused(request);
		return new AuditEntry(Instant.now(), new Actor(user == null ? "anonymous" : user, request.getRemoteAddr()),
				refusedAddress ? ADDRESS_REFUSED : "http." + method.toLowerCase(Locale.ROOT), targetType, targetId,
				outcome, method + " " + path + " \u2192 " + status
						+ (refusedAddress ? " (address " + request.getRemoteAddr() + " not allowed)" : ""));
	}

	static final class Filter extends OncePerRequestFilter {

		private static final Logger log = LoggerFactory.getLogger(RejectedCallAudit.class);

		private final AuditLog audit;

		private final AnonymousRejections anonymous;

		private final RequestCallers callers;

		Filter(AuditLog audit, AnonymousRejections anonymous, RequestCallers callers) {
			this.audit = audit;
			this.anonymous = anonymous;
			this.callers = callers;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			boolean escaped = true;
			try {
				chain.doFilter(request, response);
				escaped = false;
			}
			finally {
				// an exception that escapes the chain becomes a 500 from the container
				int status = escaped ? 500 : response.getStatus();
				// reads are not audited, except a read refused for its address (the allowlist's record)
				boolean recorded = MUTATING.contains(request.getMethod().toUpperCase(Locale.ROOT))
						|| StewardRequest.isAddressRefused(request);
				if (recorded && status >= 400 && !StewardRequest.isAudited(request)) {
					try {
						String user = caller(request);
						AuditEntry entry = entry(request, status, user);
						if (user == null) {
							anonymous.record(entry);
						}
						else {
							audit.append(entry);
						}
					}
					catch (RuntimeException e) {
						log.error("Could not record the rejected call {} {} ({}) in the audit log", request.getMethod(),
								request.getRequestURI(), status, e);
					}
				}
			}
		}

		private @Nullable String caller(HttpServletRequest request) {
			try {
				return callers.username(request);
			}
			catch (RuntimeException e) {
				log.warn("Could not tell who sent the rejected call {} {}", request.getMethod(), request.getRequestURI(), e);
				return null;
			}
		}
	}
}

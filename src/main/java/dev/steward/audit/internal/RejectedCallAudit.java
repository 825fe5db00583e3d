package dev.steward.audit.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

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
 * ({@link StewardRequest#markAudited}) and are skipped here.
 * <p>
 * Registered ahead of Spring Security's filter chain so it sees the final status of every response, and written
 * synchronously, because a rejected call has no transaction whose commit could trigger a listener.
 */
@Configuration(proxyBeanMethods = false)
class RejectedCallAudit {

	/** Inside the request log (which is outermost), outside the body size limit and Spring Security. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

	@Bean
	FilterRegistrationBean<Filter> rejectedCallAuditFilter(AuditLog log) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(log));
		registration.setOrder(ORDER);
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	static AuditEntry entry(HttpServletRequest request, int status) {
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] segments = path.split("/");
		// "/api/users/42/password" -> ["", "api", "users", "42", "password"]
		String targetType = segments.length > 2 && !segments[2].isEmpty() ? segments[2] : "api";
		String targetId = segments.length > 3 && !segments[3].isEmpty() ? segments[3] : null;
		String user = StewardRequest.user(request);
		Outcome outcome = status == 401 || status == 403 || status == 429 ? Outcome.DENIED : Outcome.FAILURE;
		return new AuditEntry(Instant.now(), new Actor(user == null ? "anonymous" : user, request.getRemoteAddr()),
				"http." + method.toLowerCase(Locale.ROOT), targetType, targetId, outcome,
				method + " " + path + " \u2192 " + status);
	}

	static final class Filter extends OncePerRequestFilter {

		private static final Logger log = LoggerFactory.getLogger(RejectedCallAudit.class);

		private final AuditLog audit;

		Filter(AuditLog audit) {
			this.audit = audit;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !MUTATING.contains(request.getMethod().toUpperCase(Locale.ROOT))
					|| !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
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
				if (status >= 400 && !StewardRequest.isAudited(request)) {
					try {
						audit.append(entry(request, status));
					}
					catch (RuntimeException e) {
						log.error("Could not record the rejected call {} {} ({}) in the audit log", request.getMethod(),
								request.getRequestURI(), status, e);
					}
				}
			}
		}
	}
}

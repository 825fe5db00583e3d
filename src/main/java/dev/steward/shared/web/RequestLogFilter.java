package dev.steward.shared.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** One structured (logfmt) line per API call; never the query string or body, which may carry secrets. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after the security module's client address filter: logs the real client
class RequestLogFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger("steward.request");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			long micros = (System.nanoTime() - start) / 1000;
			// the security chain has cleared its context by now; it leaves the username on the request
			String user = StewardRequest.user(request);
			if (user == null) {
				user = "-";
			}
			if (log.isInfoEnabled()) {
				log.info("method={} path=\"{}\" status={} duration_ms={} user=\"{}\" ip={}", request.getMethod(),
						request.getRequestURI().replace("\"", "%22"), response.getStatus(), micros / 1000.0,
						user.replace("\"", "'"), request.getRemoteAddr());
			}
		}
	}
}

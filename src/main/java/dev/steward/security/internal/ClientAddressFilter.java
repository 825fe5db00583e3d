package dev.steward.security.internal;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * First of all filters: from here on {@code getRemoteAddr()} is the client's address and {@code isSecure()} the
 * client's scheme as {@link ClientAddresses} resolves them, so throttling, the audit and the request log agree.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientAddressFilter extends OncePerRequestFilter {

	private final ClientAddresses addresses;

	ClientAddressFilter(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = addresses.clientAddress(request);
		boolean https = addresses.isHttps(request);
		if (client.equals(request.getRemoteAddr()) && https == request.isSecure()) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public String getRemoteAddr() {
				return client;
			}

			@Override
			public String getRemoteHost() {
				return client;
			}

			@Override
			public boolean isSecure() {
				return https;
			}

			@Override
			public String getScheme() {
				return https ? "https" : super.getScheme();
			}
		}, response);
	}
}

package dev.steward.shared.web;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses API request bodies over a size limit before anything reads them (413 with a problem body).
 * Bodies without a Content-Length (chunked) are refused too: the SPA and every client we know send one. Import
 * uploads are exempt: they stream to disk and count their own bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimitFilter(@Value("${steward.web.max-request-bytes:262144}") long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/** Import uploads stream to disk under a limit of their own ({@code steward.import.max-upload-bytes}). */
	private static final java.util.regex.Pattern UPLOADS = java.util.regex.Pattern
		.compile("/api/connections/[0-9a-fA-F-]{36}/imports/uploads");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !uri.startsWith("/api/") || "POST".equals(request.getMethod()) && UPLOADS.matcher(uri).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
		if (length > maxBytes || chunked) {
			response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("{\"type\":\"https://steward.dev/problems/body-too-large\","
					+ "\"title\":\"Request body too large\",\"status\":413,\"detail\":\"Request bodies are limited to "
					+ maxBytes + " bytes and must declare their length\"}");
			return;
		}
		chain.doFilter(request, response);
	}
}

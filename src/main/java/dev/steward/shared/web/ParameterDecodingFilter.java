package dev.steward.shared.web;

import java.io.IOException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Decodes the query parameters up front, so that a request whose parameters are not valid (bad UTF-8 such as
 * {@code %C3%28}, too many of them) is refused with 400 here rather than failing as a 500 wherever a filter or
 * controller first asks for a parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ParameterDecodingFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ParameterDecodingFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getQueryString() != null) {
			try {
				request.getParameterMap();
			}
			catch (InvalidParameterException e) {
				log.debug("Refused undecodable parameters: {}", e.getMessage());
				int status = e.getErrorCode() >= 400 && e.getErrorCode() < 500 ? e.getErrorCode()
						: HttpStatus.BAD_REQUEST.value();
				response.setStatus(status);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter()
					.write(ContainerProblems.json(status, "invalid-parameters", "Invalid parameters",
							"The query string cannot be decoded: parameters must be percent-encoded UTF-8"));
				return;
			}
		}
		chain.doFilter(request, response);
	}
}

package dev.steward.shared.web;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The container's error page ({@code /error}): errors the servlet container reports with {@code sendError}
 * (a TRACE request, a refused method) become problem bodies rather than Spring Boot's default JSON. Only the
 * status is used: never the exception or its message, which may echo the request or name internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<String> error(HttpServletRequest request) {
		int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
				? code : 500;
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ContainerProblems.json(status));
	}
}

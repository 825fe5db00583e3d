package dev.steward.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * Problem bodies for requests refused before any Steward code ran (Tomcat's connector, the servlet container,
 * Spring Security's firewall): a fixed text per status, never the request's own text or a stack trace.
 */
final class ContainerProblems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ContainerProblems() {
	}

	static String json(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return json(status, type(status), known == null ? "Error" : known.getReasonPhrase(), detail(status));
	}

	static String json(int status, String type, String title, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "https://steward.dev/problems/" + type);
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		return JSON.writeValueAsString(body);
	}

	static String type(int status) {
		return switch (status) {
			case 400 -> "bad-request";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 413 -> "body-too-large";
			case 414, 431 -> "request-too-large";
			case 500 -> "internal-error";
			default -> status >= 500 ? "server-error" : "client-error";
		};
	}

	static String detail(int status) {
		return switch (status) {
			case 400 -> "The request was refused: its request line, path, query or headers are malformed or not allowed";
			case 404 -> "Nothing is at this path";
			case 405 -> "This method is not allowed here";
			case 413 -> "The request body is too large";
			case 414, 431 -> "The request line or its headers are too large";
			case 500 -> "Steward hit an unexpected error; the server log has the details";
			default -> "The request could not be served";
		};
	}
}

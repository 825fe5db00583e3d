package dev.steward.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem bodies with Steward's conventions: a stable type URI and, for bad input, the fields. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail == null ? title : detail);
		problem.setType(URI.create("https://steward.dev/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

	public static ProblemDetail invalid(Map<String, String> fieldErrors) {
		String detail = fieldErrors.entrySet().stream()
			.map(e -> e.getKey() + ": " + e.getValue())
			.sorted()
			.reduce((a, b) -> a + "; " + b)
			.orElse("The request is invalid");
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
		List<Map<String, String>> errors = fieldErrors.entrySet().stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> Map.of("field", e.getKey(), "reason", e.getValue()))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}
}

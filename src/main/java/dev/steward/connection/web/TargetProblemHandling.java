package dev.steward.connection.web;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.steward.connection.SshHostKeyChanged;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetHostRefused;
import dev.steward.engine.TargetUnreachable;
import dev.steward.shared.web.Problems;

/**
 * Problems for a target that cannot be reached (any feature: backups, restores, verification) or that the host
 * rule refuses. Ahead of the catch-all handler, so these never become a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TargetProblemHandling {

	@ExceptionHandler(TargetUnreachable.class)
	ProblemDetail unreachable(TargetUnreachable e) {
		boolean timeout = e.category() == FailureCategory.TIMEOUT;
		ProblemDetail problem = Problems.of(timeout ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY,
				"target-unreachable", timeout ? "The database did not answer in time" : "The database cannot be reached",
				e.getMessage());
		problem.setProperty("category", e.category().name());
		return problem;
	}

	/** 409: the pinned key is the state that clashes; clearing it in the connection's settings resolves it. */
	@ExceptionHandler(SshHostKeyChanged.class)
	ProblemDetail hostKeyChanged(SshHostKeyChanged e) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "ssh-host-key-changed",
				"The SSH server's host key changed", e.getMessage());
		problem.setProperty("expected", e.expected());
		problem.setProperty("actual", e.actual());
		return problem;
	}

	@ExceptionHandler(TargetHostRefused.class)
	ProblemDetail refused(TargetHostRefused e) {
		ProblemDetail problem = Problems.invalid(Map.of("host", e.getMessage()));
		problem.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		return problem;
	}
}

package dev.steward.monitor.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.PoolLimitReached;
import dev.steward.engine.TargetBusy;
import dev.steward.shared.web.Problems;

/** How the performance endpoints answer when the target cannot, or the engine has no performance insight. */
@RestControllerAdvice(assignableTypes = PerformanceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PerformanceProblems {

	@ExceptionHandler(TargetBusy.class)
	ResponseEntity<ProblemDetail> busy(TargetBusy e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "target-busy", "The database is busy", e.getMessage()));
	}

	@ExceptionHandler(PoolLimitReached.class)
	ResponseEntity<ProblemDetail> poolLimit(PoolLimitReached e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too busy", e.getMessage()));
	}

	@ExceptionHandler(CatalogUnavailable.class)
	ProblemDetail unavailable(CatalogUnavailable e) {
		return Problems.of(HttpStatus.BAD_GATEWAY, "target-unavailable", "The database did not answer", e.getMessage());
	}

	@ExceptionHandler(CapabilityUnsupported.class)
	ProblemDetail unsupported(CapabilityUnsupported e) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "unsupported", "Not supported for this engine", e.getMessage());
	}
}

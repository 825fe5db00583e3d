package dev.steward.masking.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.steward.masking.MaskedDataRefused;
import dev.steward.shared.web.Problems;

/** A refusal to reveal or change masked data, wherever it is raised (console, grid, exports): 403 with the reason. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MaskingProblems {

	@ExceptionHandler(MaskedDataRefused.class)
	ProblemDetail refused(MaskedDataRefused e) {
		return Problems.of(HttpStatus.FORBIDDEN, "masked-data", "Masked data", e.getMessage());
	}
}

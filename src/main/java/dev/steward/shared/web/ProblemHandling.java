package dev.steward.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.LimitExceeded;
import dev.steward.shared.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every failure into an RFC 9457 problem body that names the field and the reason. */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound e) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
	}

	@ExceptionHandler(InvalidInput.class)
	ProblemDetail invalid(InvalidInput e) {
		return Problems.invalid(e.fieldErrors());
	}

	@ExceptionHandler(Conflict.class)
	ProblemDetail conflict(Conflict e) {
		return Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
	}

	@ExceptionHandler(LimitExceeded.class)
	ProblemDetail limitExceeded(LimitExceeded e) {
		ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "limit-exceeded", "Limit reached",
				e.getMessage());
		problem.setProperty("limit", e.limit());
		problem.setProperty("value", e.value());
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		return Problems.invalid(Map.of(e.getName(), "is not a valid value"));
	}

	// Method security throws inside the controller, so the advice sees it before Spring Security does.
	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException e) {
		return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"Your role does not allow this action");
	}

	@ExceptionHandler(AuthenticationException.class)
	ProblemDetail unauthenticated(AuthenticationException e) {
		return Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", "Log in first");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + ", " + b);
		}
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.merge(error.getObjectName(), String.valueOf(error.getDefaultMessage()),
					(a, b) -> a + ", " + b));
		return ResponseEntity.badRequest().body(Problems.invalid(errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(err -> errors.merge(name == null ? "parameter" : name, String.valueOf(err.getDefaultMessage()),
						(a, b) -> a + ", " + b));
		});
		return ResponseEntity.badRequest().body(Problems.invalid(errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		ProblemDetail body;
		if (cause instanceof UnrecognizedPropertyException unknown) {
			body = Problems.invalid(Map.of(unknown.getPropertyName(), "is not a known field"));
		}
		else if (cause instanceof InvalidFormatException format) {
			body = Problems.invalid(Map.of(path(format), "has an invalid value"));
		}
		else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			body = Problems.invalid(Map.of(path(mismatch), "has the wrong type"));
		}
		else {
			body = Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
					"The request body is missing or is not valid JSON");
		}
		return ResponseEntity.badRequest().body(body);
	}

	private static boolean isClientAbort(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String name = t.getClass().getSimpleName();
			if (name.equals("ClientAbortException") || name.equals("EofException")) {
				return true;
			}
		}
		return false;
	}

	private static String path(MismatchedInputException e) {
		return e.getPath().stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.reduce((a, b) -> a + "." + b)
			.orElse("body");
	}

	@ExceptionHandler(Exception.class)
	@Nullable ProblemDetail unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
		// the client went away mid-response (closed tab, cancelled download): not a server failure
		if (isClientAbort(e)) {
			log.debug("Client disconnected: {}", e.toString());
			return null;
		}
		log.error("Unexpected failure", e);
		if (response.isCommitted()) {
			// too late for a problem body; appending one would corrupt what was sent, ending cleanly would hide it
			CutConnection.request(request);
			return null;
		}
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Steward hit an unexpected error; the server log has the details");
	}
}

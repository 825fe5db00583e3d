package dev.steward.query.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.query.ExecutionView;
import dev.steward.query.HistoryEntry;
import dev.steward.query.RowsPage;
import dev.steward.query.RowsReleased;
import dev.steward.query.SqlConsole;
import dev.steward.query.SqlRequest;
import dev.steward.shared.PageResult;
import dev.steward.shared.web.Problems;

/**
 * The SQL console API. Every role may run statements; the database itself refuses writes in sessions of callers
 * who may not edit the connection. Executions, sessions and history are their user's own (another user's: 404).
 */
@RestController
class SqlController {

	private final SqlConsole console;

	SqlController(SqlConsole console) {
		this.console = console;
	}

	/** Starts a statement or script and answers at once (202) with the execution's id and session. */
	@PostMapping("/api/connections/{id}/sql")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ExecutionView run(@PathVariable UUID id, @RequestBody SqlRequest request) {
		return console.submit(id, request);
	}

	/** The execution's status and results; with {@code waitMs} waits (up to 30 s) while it is running. */
	@GetMapping("/api/sql/executions/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ExecutionView execution(@PathVariable UUID id, @RequestParam(defaultValue = "0") long waitMs) {
		return console.view(id, waitMs);
	}

	/** Further rows of result {@code result}, fetched from its open cursor as needed. */
	@GetMapping("/api/sql/executions/{id}/rows")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	RowsPage rows(@PathVariable UUID id, @RequestParam(defaultValue = "0") int result,
			@RequestParam(defaultValue = "0") long offset, @RequestParam(defaultValue = "200") int limit) {
		return console.rows(id, result, offset, limit);
	}

	/** Cancels the running statement at the server. */
	@PostMapping("/api/sql/executions/{id}/cancel")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ExecutionView cancel(@PathVariable UUID id) {
		return console.cancel(id);
	}

	/** The caller's own executions, newest first; {@code q} searches the statement text. */
	@GetMapping("/api/sql/history")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	PageResult<HistoryEntry> history(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable UUID connectionId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return console.history(q, connectionId, page, size);
	}

	/** Commits the console session's open transaction (409 when none is open); answers the COMMIT's execution. */
	@PostMapping("/api/sql/sessions/{sessionId}/commit")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ExecutionView commit(@PathVariable UUID sessionId) {
		return console.endTransaction(sessionId, true);
	}

	/** Rolls back the console session's open transaction (409 when none is open). */
	@PostMapping("/api/sql/sessions/{sessionId}/rollback")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ExecutionView rollback(@PathVariable UUID sessionId) {
		return console.endTransaction(sessionId, false);
	}

	@ExceptionHandler(RowsReleased.class)
	ProblemDetail released(RowsReleased e) {
		return Problems.of(HttpStatus.GONE, "rows-released", "Rows no longer held", e.getMessage());
	}

	@ExceptionHandler(CapabilityUnsupported.class)
	ProblemDetail unsupported(CapabilityUnsupported e) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "unsupported", "Not supported for this engine", e.getMessage());
	}
}

package dev.steward.query.web;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.engine.QueryPlan;
import dev.steward.engine.StatementFailed;
import dev.steward.query.ExplainRequest;
import dev.steward.query.ExportFailed;
import dev.steward.query.ExportRequest;
import dev.steward.query.PreparedExport;
import dev.steward.query.SqlExports;
import dev.steward.shared.web.CutConnection;
import dev.steward.shared.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Streaming export of a whole result, and a statement's plan. Same rights as the console: every role, on
 * connections it may see, read-only at the database unless the caller may edit the connection.
 */
@RestController
class SqlExportController {

	private static final Logger log = LoggerFactory.getLogger(SqlExportController.class);

	private final SqlExports exports;

	SqlExportController(SqlExports exports) {
		this.exports = exports;
	}

	/**
	 * Streams every row of the statement's result as a download. A statement that fails before its first row
	 * answers with a problem; one that fails later cuts the connection, so the download fails instead of ending
	 * short.
	 */
	@PostMapping("/api/connections/{id}/sql/export")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	@Operation(summary = "Export a statement's whole result (csv, json, ndjson, sql, xlsx) as a streamed download",
			responses = @ApiResponse(responseCode = "200", description = "the file",
					content = @Content(mediaType = "application/octet-stream",
							schema = @Schema(type = "string", format = "binary"))))
	void export(@PathVariable UUID id, @RequestBody ExportRequest request, HttpServletResponse response)
			throws java.io.IOException {
		PreparedExport export = exports.prepare(id, request);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(export.format().mediaType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(export.filename(), StandardCharsets.UTF_8).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		OutputStream out = response.getOutputStream();
		export.writeTo(out);
		out.flush();
	}

	/** The statement's plan as a tree; with {@code analyze} it runs inside a transaction that is rolled back. */
	@PostMapping("/api/connections/{id}/sql/explain")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	QueryPlan explain(@PathVariable UUID id, @RequestBody ExplainRequest request) {
		return exports.explain(id, request);
	}

	@ExceptionHandler(StatementFailed.class)
	ProblemDetail statementFailed(StatementFailed e) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "statement-failed",
				"The statement failed", e.getMessage());
		if (e.sqlState() != null) {
			problem.setProperty("sqlState", e.sqlState());
		}
		if (e.position() != null) {
			problem.setProperty("position", e.position());
		}
		return problem;
	}

	/** After the first bytes: nothing truthful can be added, so the connection is cut. */
	@ExceptionHandler(ExportFailed.class)
	@Nullable ProblemDetail exportFailed(ExportFailed e, HttpServletRequest request, HttpServletResponse response) {
		log.warn("Export {} cut off: {}", request.getRequestURI(), e.getMessage());
		if (response.isCommitted()) {
			CutConnection.request(request);
			return null;
		}
		response.reset();
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "statement-failed", "The statement failed",
				e.getMessage());
	}

	@ExceptionHandler(dev.steward.engine.CapabilityUnsupported.class)
	ProblemDetail unsupported(dev.steward.engine.CapabilityUnsupported e) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "unsupported", "Not supported for this engine",
				e.getMessage());
	}
}

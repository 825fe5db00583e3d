package dev.steward.dataimport.web;

import java.io.IOException;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.dataimport.CsvPreview;
import dev.steward.dataimport.ImportRequest;
import dev.steward.dataimport.ImportResult;
import dev.steward.dataimport.Imports;
import dev.steward.dataimport.PreviewRequest;
import dev.steward.dataimport.UploadTooLarge;
import dev.steward.dataimport.UploadView;
import dev.steward.engine.CapabilityUnsupported;
import dev.steward.job.JobView;
import dev.steward.shared.web.Problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Imports into a connection: upload a file (the raw request body, streamed to disk), preview a CSV upload, start the
 * import job (its progress and end come through {@code /api/jobs/{id}} and its events), read its result. OPERATOR or
 * ADMIN only, and only into connections the caller may write into; a VIEWER is refused before the body is read.
 */
@RestController
@RequestMapping("/api/connections/{id}/imports")
class ImportController {

	private final Imports imports;

	ImportController(Imports imports) {
		this.imports = imports;
	}

	@PostMapping("/uploads")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Upload a file for an import: the request body is the file's bytes",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/octet-stream",
							schema = @Schema(type = "string", format = "binary"))))
	ResponseEntity<UploadView> upload(@PathVariable UUID id, @RequestParam(required = false) @Nullable String name,
			HttpServletRequest request) throws IOException {
		UploadView upload = imports.upload(id, name, request.getInputStream(), request.getContentLengthLong());
		return ResponseEntity.status(HttpStatus.CREATED).body(upload);
	}

	@DeleteMapping("/uploads/{uploadId}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ResponseEntity<Void> discard(@PathVariable UUID id, @PathVariable UUID uploadId) {
		imports.discard(id, uploadId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/uploads/{uploadId}/preview")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "The first records of an uploaded CSV file: detected (or given) options, a suggested mapping")
	CsvPreview preview(@PathVariable UUID id, @PathVariable UUID uploadId,
			@RequestBody(required = false) @Nullable PreviewRequest request) throws IOException {
		return imports.preview(id, uploadId, request == null ? new PreviewRequest(null, null, null, null) : request);
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Start importing an upload: CSV rows into a table or an SQL script into a database")
	ResponseEntity<JobView> start(@PathVariable UUID id, @RequestBody ImportRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(imports.start(id, request));
	}

	@GetMapping("/{jobId}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	@Operation(summary = "What a finished import did: rows or statements, or the error with its line")
	ImportResult result(@PathVariable UUID id, @PathVariable UUID jobId) {
		return imports.result(id, jobId);
	}

	@ExceptionHandler(UploadTooLarge.class)
	ResponseEntity<ProblemDetail> tooLarge(UploadTooLarge e) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "File too large", e.getMessage()));
	}

	@ExceptionHandler(CapabilityUnsupported.class)
	ProblemDetail unsupported(CapabilityUnsupported e) {
		return Problems.of(HttpStatus.NOT_IMPLEMENTED, "unsupported", "Not supported for this engine", e.getMessage());
	}
}

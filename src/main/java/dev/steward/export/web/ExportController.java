package dev.steward.export.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.export.ExportFile;
import dev.steward.export.ExportJobRequest;
import dev.steward.export.Exports;
import dev.steward.job.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Schema and data exports as jobs (progress and cancel through {@code /api/jobs}), and the finished file. Every role
 * may export from a connection it may use, as it may read the data grid; only the user who started an export (or an
 * ADMIN) may download it.
 */
@RestController
@Tag(name = "Exports")
class ExportController {

	private final Exports exports;

	ExportController(Exports exports) {
		this.exports = exports;
	}

	@PostMapping("/api/connections/{id}/exports")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	@Operation(summary = "Start a schema or data export of a connection as a job (202 with the job)")
	ResponseEntity<JobView> start(@PathVariable UUID id, @RequestBody ExportJobRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(exports.start(id, request));
	}

	@GetMapping("/api/exports/{jobId}/download")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	@Operation(summary = "Download a finished export the caller started",
			responses = @ApiResponse(responseCode = "200", description = "the file",
					content = @Content(mediaType = "application/octet-stream",
							schema = @Schema(type = "string", format = "binary"))))
	void download(@PathVariable UUID jobId, HttpServletResponse response) throws IOException {
		ExportFile file = exports.download(jobId);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(file.mediaType());
		response.setContentLengthLong(file.size());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		try (InputStream in = Files.newInputStream(file.path())) {
			OutputStream out = response.getOutputStream();
			in.transferTo(out);
			out.flush();
		}
	}
}

package dev.steward.audit.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.steward.audit.internal.AuditExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AuditExportController {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final AuditExport export;

	AuditExportController(AuditExport export) {
		this.export = export;
	}

	@Operation(summary = "Stream the live audit records of a time range (at most steward.audit.export-max-days) as "
			+ "CSV or JSON lines, oldest first, each with its hash and its predecessor's; the export is itself audited")
	@GetMapping("/export")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<StreamingResponseBody> export(
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(defaultValue = "csv") @Size(max = 8) String format) {
		AuditExport.Format f = AuditExport.Format.parse(format);
		export.start(from, to, f);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment()
			.filename("audit-" + STAMP.format(from) + "-" + STAMP.format(to) + "." + f.extension())
			.build());
		headers.setContentType(MediaType.parseMediaType(f.mediaType() + ";charset=UTF-8"));
		StreamingResponseBody body = out -> export.write(from, to, f, out);
		return new ResponseEntity<>(body, headers, HttpStatus.OK);
	}
}

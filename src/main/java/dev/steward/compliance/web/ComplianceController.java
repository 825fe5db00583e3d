package dev.steward.compliance.web;

import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.compliance.ComplianceReport;
import dev.steward.compliance.internal.ComplianceReports;
import dev.steward.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/security/compliance")
@Tag(name = "Compliance")
class ComplianceController {

	private final ComplianceReports reports;

	ComplianceController(ComplianceReports reports) {
		this.reports = reports;
	}

	@Operation(summary = "Run the compliance checks now (not stored): each PASS, WARN, FAIL or NOT_AVAILABLE with "
			+ "evidence and a fix hint")
	@GetMapping
	@PreAuthorize("hasRole('ADMIN')")
	ComplianceReport run() {
		return reports.runNow();
	}

	@Operation(summary = "Run the checks and store a dated report; the SHA-256 of its content is recorded in the "
			+ "audit trail")
	@PostMapping("/reports")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<ComplianceReport> create() {
		return ResponseEntity.status(HttpStatus.CREATED).body(reports.create());
	}

	@Operation(summary = "Stored reports, newest first")
	@GetMapping("/reports")
	@PreAuthorize("hasRole('ADMIN')")
	PageResult<ComplianceReport.ReportEntry> history(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return reports.history(page, size);
	}

	@Operation(summary = "A stored report with its checks (JSON)")
	@GetMapping(path = "/reports/{id}.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	ComplianceReport get(@PathVariable UUID id) {
		return reports.get(id);
	}

	@Operation(summary = "A stored report as a printable HTML page")
	@GetMapping(path = "/reports/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<String> html(@PathVariable UUID id) {
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.body(reports.html(id));
	}

	@Operation(summary = "A stored report as PDF")
	@GetMapping(path = "/reports/{id}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
		byte[] pdf = reports.pdf(id);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_PDF);
		headers.setContentDisposition(ContentDisposition.attachment()
			.filename("compliance-report-" + id + ".pdf")
			.build());
		return new ResponseEntity<>(pdf, headers, HttpStatus.OK);
	}
}

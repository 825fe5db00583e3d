package dev.steward.audit.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.audit.internal.AuditLog;
import dev.steward.audit.internal.AuditLog.AuditQuery;
import dev.steward.audit.internal.AuditLog.AuditRecord;
import dev.steward.audit.internal.AuditLog.Verification;
import dev.steward.security.CurrentUser;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AuditController {

	record AuditRecordView(long seq, Instant occurredAt, String actor, @Nullable String sourceIp, String action,
			String targetType, @Nullable String targetId, Outcome outcome, @Nullable String detail) {

		static AuditRecordView of(AuditRecord r) {
			return new AuditRecordView(r.seq(), r.occurredAt(), r.actor(), r.sourceIp(), r.action(), r.targetType(),
					r.targetId(), r.outcome(), r.detail());
		}
	}

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@Operation(summary = "Audit records, newest first; non-administrators see only their own")
	@GetMapping
	@PreAuthorize("isAuthenticated()")
	PageResult<AuditRecordView> find(@RequestParam(required = false) @Nullable @Size(max = 64) String actor,
			@RequestParam(required = false) @Nullable @Size(max = 64) String action,
			@RequestParam(required = false) @Nullable @Size(max = 32) String targetType,
			@RequestParam(required = false) @Nullable @Size(max = 64) String targetId,
			@RequestParam(required = false) @Nullable Outcome outcome,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		CurrentUser me = CurrentUser.require();
		AuditQuery query = new AuditQuery(blankToNull(actor), me.isAdmin() ? null : me.username(), blankToNull(action),
				blankToNull(targetType), blankToNull(targetId), outcome, from, to);
		return log.find(query, page, size).map(AuditRecordView::of);
	}

	@Operation(summary = "Re-compute the hash chain and report the first broken record, if any")
	@GetMapping("/verify")
	@PreAuthorize("hasRole('ADMIN')")
	Verification verify() {
		return log.verify();
	}

	@Operation(summary = "Action names that occur in the audit log")
	@GetMapping("/actions")
	@PreAuthorize("isAuthenticated()")
	List<String> actions() {
		return log.actions();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}

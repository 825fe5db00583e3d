package dev.steward.monitor.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.job.JobView;
import dev.steward.monitor.Maintenance;
import dev.steward.monitor.MaintenanceOffer;
import dev.steward.monitor.MaintenanceRequest;
import dev.steward.monitor.SessionView;
import dev.steward.monitor.Sessions;
import dev.steward.shared.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Monitoring")
class SessionsController {

	record CloseIdleBody(Long idleSeconds) {
	}

	record ClosedSessions(List<String> closed) {
	}

	private final Sessions sessions;

	private final Maintenance maintenance;

	SessionsController(Sessions sessions, Maintenance maintenance) {
		this.sessions = sessions;
		this.maintenance = maintenance;
	}

	@GetMapping("/api/connections/{id}/sessions")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Sessions on the connection's server (PostgreSQL pg_stat_activity, MySQL processlist): user, "
			+ "client, state, query, durations, wait, blockers; Steward's own are marked; 501 where the engine has none")
	List<SessionView> list(@PathVariable UUID id) {
		return sessions.list(id);
	}

	@PostMapping("/api/connections/{id}/sessions/{sid}/cancel")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Cancel the session's running statement (pg_cancel_backend, KILL QUERY); owner or ADMIN; "
			+ "409 for Steward's own sessions; audited as session.cancel")
	SessionView cancel(@PathVariable UUID id, @PathVariable String sid) {
		return sessions.cancel(id, sid);
	}

	@PostMapping("/api/connections/{id}/sessions/{sid}/terminate")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "End the session (pg_terminate_backend, KILL CONNECTION); owner or ADMIN; 409 for Steward's "
			+ "own sessions; audited as session.terminate")
	SessionView terminate(@PathVariable UUID id, @PathVariable String sid) {
		return sessions.terminate(id, sid);
	}

	@PostMapping("/api/connections/{id}/sessions/close-idle")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "End every idle session (not in a transaction, not Steward's own) idle for at least idleSeconds; "
			+ "owner or ADMIN; audited as session.close-idle")
	ClosedSessions closeIdle(@PathVariable UUID id, @RequestBody CloseIdleBody body) {
		if (body.idleSeconds() == null) {
			throw new InvalidInput("idleSeconds", "is required");
		}
		return new ClosedSessions(sessions.closeIdle(id, body.idleSeconds()));
	}

	@GetMapping("/api/connections/{id}/maintenance/operations")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The maintenance operations the connection's engine offers (empty: none)")
	List<MaintenanceOffer> operations(@PathVariable UUID id) {
		return maintenance.operations(id);
	}

	@PostMapping("/api/connections/{id}/maintenance")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Start maintenance (VACUUM, ANALYZE, REINDEX, OPTIMIZE, CHECK, INTEGRITY_CHECK … as the engine "
			+ "offers) on named tables or the whole database, as a job with progress; owner or ADMIN; audited as "
			+ "maintenance.start and maintenance.finish")
	JobView start(@PathVariable UUID id, @RequestBody MaintenanceRequest body) {
		return maintenance.start(id, body);
	}
}

package dev.steward.monitor.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.monitor.MaintenanceScheduleRequest;
import dev.steward.monitor.MaintenanceScheduleView;
import dev.steward.monitor.MaintenanceSchedules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Monitoring")
class MaintenanceScheduleController {

	private final MaintenanceSchedules schedules;

	MaintenanceScheduleController(MaintenanceSchedules schedules) {
		this.schedules = schedules;
	}

	@GetMapping("/api/connections/{id}/maintenance/schedules")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The connection's maintenance schedules with their next three run times and last run")
	List<MaintenanceScheduleView> list(@PathVariable UUID id) {
		return schedules.list(id);
	}

	@PostMapping("/api/connections/{id}/maintenance/schedules")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Schedule maintenance: an operation the engine offers on named tables (none: all) at the "
			+ "times of a 5-field cron in a time zone; the connection's owner or an ADMIN; at most "
			+ MaintenanceSchedules.MAX_PER_CONNECTION + " per connection; audited as maintenance.schedule.create")
	MaintenanceScheduleView create(@PathVariable UUID id, @RequestBody MaintenanceScheduleRequest body) {
		return schedules.create(id, body);
	}

	@PutMapping("/api/maintenance-schedules/{sid}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Replace a maintenance schedule (switch it off with enabled=false); its owner stays; "
			+ "audited as maintenance.schedule.update")
	MaintenanceScheduleView update(@PathVariable UUID sid, @RequestBody MaintenanceScheduleRequest body) {
		return schedules.update(sid, body);
	}

	@DeleteMapping("/api/maintenance-schedules/{sid}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a maintenance schedule; audited as maintenance.schedule.delete")
	void delete(@PathVariable UUID sid) {
		schedules.delete(sid);
	}
}

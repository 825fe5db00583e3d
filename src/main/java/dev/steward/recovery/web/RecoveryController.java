package dev.steward.recovery.web;

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
import org.springframework.web.bind.annotation.RestController;

import dev.steward.job.JobView;
import dev.steward.recovery.PointInTimeRecovery;
import dev.steward.recovery.PointInTimeRestores;
import dev.steward.recovery.PrerequisitesMissing;
import dev.steward.recovery.RecoveryStatus;
import dev.steward.recovery.RecoveryTargetRequest;
import dev.steward.shared.SafeText;
import dev.steward.shared.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Point-in-time recovery")
class RecoveryController {

	record RestorePointBody(@Nullable @Size(max = 63) @SafeText String name) {
	}

	record RestoreBody(@Nullable @Size(max = 64) @SafeText String time, @Nullable @Size(max = 20) @SafeText String lsn,
			@Nullable @Size(max = 63) @SafeText String restorePoint, @Nullable Boolean latest) {
	}

	private final PointInTimeRecovery recovery;

	private final PointInTimeRestores restores;

	RecoveryController(PointInTimeRecovery recovery, PointInTimeRestores restores) {
		this.recovery = recovery;
		this.restores = restores;
	}

	@PostMapping("/api/connections/{id}/recovery/enable")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Check the prerequisites (409 listing each missing one with its fix), create the replication "
			+ "slot, start WAL archiving and take the first base backup; answers the base backup's job")
	ResponseEntity<JobView> enable(@PathVariable UUID id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(recovery.enable(id));
	}

	@PostMapping("/api/connections/{id}/recovery/disable")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Stop WAL archiving and drop the replication slot; archived WAL and base backups stay")
	RecoveryStatus disable(@PathVariable UUID id) {
		return recovery.disable(id);
	}

	@GetMapping("/api/connections/{id}/recovery")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Archiver status, slot retention, base backups, the recoverable window, restore points and "
			+ "restored instances of a server")
	RecoveryStatus status(@PathVariable UUID id) {
		return recovery.status(id);
	}

	@PostMapping("/api/connections/{id}/recovery/restore-points")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Set a named restore point on the server (pg_create_restore_point)")
	ResponseEntity<RecoveryStatus.RestorePointView> restorePoint(@PathVariable UUID id,
			@Valid @RequestBody RestorePointBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(recovery.createRestorePoint(id, body.name()));
	}

	@PostMapping("/api/connections/{id}/recovery/restore")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Restore to a time, a WAL position, a restore point or the latest archived WAL into a new "
			+ "restored instance; answers the job, whose result names the instance's connection")
	ResponseEntity<JobView> restore(@PathVariable UUID id, @Valid @RequestBody RestoreBody body) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(restores.restore(id,
				new RecoveryTargetRequest(body.time(), body.lsn(), body.restorePoint(), body.latest())));
	}

	@DeleteMapping("/api/restored-instances/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Stop a restored instance and remove its files and connection")
	ResponseEntity<Void> remove(@PathVariable UUID id) {
		recovery.removeInstance(id);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(PrerequisitesMissing.class)
	ProblemDetail prerequisites(PrerequisitesMissing e) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "recovery-prerequisites",
				"Prerequisites missing", e.getMessage());
		problem.setProperty("prerequisites", e.missing());
		return problem;
	}
}

package dev.steward.schedule.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;
import dev.steward.schedule.Retention;
import dev.steward.schedule.RetentionPreview;
import dev.steward.schedule.ScheduleRequest;
import dev.steward.schedule.ScheduleRunView;
import dev.steward.schedule.ScheduleView;
import dev.steward.schedule.Schedules;
import dev.steward.schedule.Timing;
import dev.steward.schedule.TimingPreview;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;
import dev.steward.shared.SafeText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/schedules")
@Tag(name = "Schedules")
class ScheduleController {

	record ScheduleBody(@NotBlank @Size(max = 100) @SafeText String name, @NotNull UUID connectionId,
			@Nullable DumpKind kind, @Nullable Compression compression, @Nullable Integer compressionLevel,
			@Nullable Boolean encrypted, @Nullable @Size(max = 8) List<@NotBlank @Size(max = 32) @SafeText String> targets,
			@Nullable Retention retention, @NotBlank @Size(max = 64) @SafeText String timeZone,
			@Nullable Boolean enabled, @NotNull @Valid TimingBody timing, @Nullable Boolean verifyAfter,
			@Nullable @Size(max = 200) String testRestoreCron, @Nullable UUID testRestoreConnectionId,
			dev.steward.schedule.@Nullable DatabaseMode databaseMode,
			@Nullable @Size(max = 100) List<@NotBlank @Size(max = 128) @SafeText String> databases) {

		ScheduleRequest request() {
			return new ScheduleRequest(name, connectionId, kind, compression, compressionLevel, encrypted, targets,
					retention, timeZone, enabled, timing.timing(), verifyAfter, testRestoreCron,
					testRestoreConnectionId, databaseMode, databases);
		}
	}

	record TimingBody(@NotNull dev.steward.schedule.TimingType type, @Nullable Integer minute, @Nullable Integer hour,
			java.time.@Nullable DayOfWeek dayOfWeek, @Nullable Integer dayOfMonth, @Nullable @Size(max = 200) String cron) {

		Timing timing() {
			return new Timing(type, minute, hour, dayOfWeek, dayOfMonth, cron);
		}
	}

	record PreviewBody(@NotNull @Valid TimingBody timing, @NotBlank @Size(max = 64) @SafeText String timeZone) {
	}

	private final Schedules schedules;

	ScheduleController(Schedules schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Schedules of the connections the caller may see, with timing in words, next and last run")
	List<ScheduleView> list() {
		return schedules.list();
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Create a schedule (a preset or a cron expression in a time zone)")
	ResponseEntity<ScheduleView> create(@Valid @RequestBody ScheduleBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(schedules.create(body.request()));
	}

	@PostMapping("/preview")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "A timing in words and its next 5 fire times in the zone, without saving; a bad cron names its field")
	TimingPreview preview(@Valid @RequestBody PreviewBody body) {
		return schedules.preview(body.timing().timing(), body.timeZone());
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	ScheduleView get(@PathVariable UUID id) {
		return schedules.get(id);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Replace a schedule; disabling pauses its trigger")
	ScheduleView update(@PathVariable UUID id, @Valid @RequestBody ScheduleBody body) {
		return schedules.update(id, body.request());
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Delete a schedule and its trigger; the backups it made are kept")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		schedules.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/run")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Run now: starts the schedule's backups at once; answers with the run")
	ResponseEntity<ScheduleRunView> run(@PathVariable UUID id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(schedules.runNow(id));
	}

	@GetMapping("/{id}/runs")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The schedule's runs, newest first: fire time, start, end, status, backups, retention, error")
	PageResult<ScheduleRunView> runs(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw new InvalidInput("page", "must be 0 or more");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "must be between 1 and 200");
		}
		return schedules.runs(id, page, size);
	}

	@GetMapping("/{id}/retention/preview")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Which of the schedule's backups its retention would keep and delete now, and why")
	RetentionPreview retentionPreview(@PathVariable UUID id) {
		return schedules.retentionPreview(id);
	}
}

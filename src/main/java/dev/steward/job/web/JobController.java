package dev.steward.job.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.steward.job.JobKind;
import dev.steward.job.JobQuery;
import dev.steward.job.JobStatus;
import dev.steward.job.JobStreamEvent;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/jobs")
@Tag(name = "Jobs")
class JobController {

	private static final long POLL_MILLIS = 400;

	private final Jobs jobs;

	JobController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Jobs the caller may see (their own and their connections'), newest first")
	PageResult<JobView> list(@RequestParam(required = false) @Nullable JobKind kind,
			@RequestParam(required = false) @Nullable JobStatus status,
			@RequestParam(required = false) @Nullable UUID connectionId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidInput("page", "must be 0 or more");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "must be between 1 and 200");
		}
		return jobs.list(new JobQuery(kind, status, connectionId, null), page, size);
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	JobView get(@PathVariable UUID id) {
		return jobs.get(id);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Ask a queued or running job to stop, on whichever instance runs it; the user who started it "
			+ "may, others need OPERATOR or ADMIN")
	JobView cancel(@PathVariable UUID id) {
		return jobs.cancel(id);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The job's state as Server-Sent Events: 'progress' at once and on every change, then one 'finished'",
			responses = @ApiResponse(responseCode = "200", description = "SSE stream; every event's data is a JobStreamEvent",
					content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
							schema = @Schema(implementation = JobStreamEvent.class))))
	SseEmitter events(@PathVariable UUID id) {
		JobView initial = jobs.get(id);
		SseEmitter emitter = new SseEmitter(Duration.ofHours(24).toMillis());
		SecurityContext auth = SecurityContextHolder.getContext();
		Thread.ofVirtual().name("job-sse-" + id).start(() -> {
			SecurityContextHolder.setContext(auth);
			try {
				stream(initial, emitter);
				emitter.complete();
			}
			catch (IOException | IllegalStateException e) {
				emitter.completeWithError(e); // the client went away
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				emitter.complete();
			}
			catch (RuntimeException e) {
				emitter.completeWithError(e);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		});
		return emitter;
	}

	private void stream(JobView initial, SseEmitter emitter) throws IOException, InterruptedException {
		JobView last = null;
		JobView now = initial;
		while (!now.status().finished()) {
			if (last == null || moved(last, now)) {
				send(emitter, JobStreamEvent.Type.PROGRESS, now);
				last = now;
			}
			Thread.sleep(POLL_MILLIS);
			Optional<JobView> next = jobs.find(now.id());
			if (next.isEmpty()) {
				return;
			}
			now = next.get();
		}
		send(emitter, JobStreamEvent.Type.FINISHED, now);
	}

	private static boolean moved(JobView a, JobView b) {
		return a.status() != b.status() || a.phase() != b.phase() || !a.progress().equals(b.progress())
				|| a.cancelRequested() != b.cancelRequested();
	}

	private static void send(SseEmitter emitter, JobStreamEvent.Type type, JobView job) throws IOException {
		emitter.send(SseEmitter.event().name(type.name().toLowerCase(java.util.Locale.ROOT))
			.data(new JobStreamEvent(type, job), MediaType.APPLICATION_JSON));
	}
}

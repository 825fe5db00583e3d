package dev.steward.backup.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.steward.backup.ArtefactUnavailable;
import dev.steward.backup.BackupCorrupted;
import dev.steward.backup.BackupKeyView;
import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupKeyManagement;
import dev.steward.backup.BackupProgress;
import dev.steward.backup.BackupRestores;
import dev.steward.backup.BackupRuns;
import dev.steward.backup.BackupRequest;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupView;
import dev.steward.backup.Compression;
import dev.steward.backup.RestoreFailed;
import dev.steward.backup.RestoreRequest;
import dev.steward.backup.RestoreResult;
import dev.steward.backup.VerifyResult;
import dev.steward.backup.WrongKey;
import dev.steward.engine.DumpKind;
import dev.steward.job.JobView;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;
import dev.steward.shared.SafeText;
import dev.steward.shared.web.CutConnection;
import dev.steward.shared.web.Problems;
import dev.steward.shared.web.StewardRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/backups")
@Tag(name = "Backups")
class BackupController {

	private static final Logger log = LoggerFactory.getLogger(BackupController.class);

	record CreateBackup(@NotNull UUID connectionId, @Nullable DumpKind kind, @Nullable Compression compression,
			@Nullable Integer compressionLevel, @Nullable Boolean encrypted, @Nullable @Size(max = 100) @SafeText String storage,
			@Nullable @Size(max = 10) List<@Size(max = 100) @SafeText String> targets,
			@Nullable @Size(max = 100) List<@SafeText String> includeSchemas,
			@Nullable @Size(max = 100) List<@SafeText String> excludeSchemas,
			@Nullable @Size(max = 100) List<@SafeText String> includeTables,
			@Nullable @Size(max = 100) List<@SafeText String> excludeTables,
			@Nullable @Size(max = 128) @SafeText String database) {
	}

	record Restore(@NotNull UUID targetConnectionId, @Nullable @Size(max = 63) @SafeText String database,
			@Nullable Boolean newDatabase, @Nullable Boolean clean, @Nullable Integer jobs,
			@NotBlank @Size(max = 255) @SafeText String confirm) {
	}

	record Verify(@Nullable Boolean testRestore) {
	}

	record StorageTargets(List<String> targets) {
	}

	private final BackupRuns runs;

	private final BackupArtefacts backups;

	private final BackupRestores restores;

	private final BackupKeyManagement keys;

	BackupController(BackupRuns runs, BackupArtefacts backups, BackupRestores restores, BackupKeyManagement keys) {
		this.runs = runs;
		this.backups = backups;
		this.restores = restores;
		this.keys = keys;
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Backups the caller may see, newest first")
	PageResult<BackupView> list(@RequestParam(required = false) @Nullable UUID connectionId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidInput("page", "must be 0 or more");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "must be between 1 and 200");
		}
		return backups.list(connectionId, page, size);
	}

	@GetMapping("/storage-targets")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Configured storage targets (local, s3)")
	StorageTargets targets() {
		return new StorageTargets(backups.storageTargets());
	}

	@GetMapping("/keys")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Backup encryption keys: ids, creation time, which one is active (never key material)")
	List<BackupKeyView> keys() {
		return keys.keys();
	}

	@PostMapping("/keys/rotate")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Make a new backup key active; older keys stay so their backups remain readable")
	BackupKeyView rotateKey() {
		return keys.rotateKey();
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Start a backup; answers at once with the run (status IN_PROGRESS, jobId: follow it under /api/jobs). "
			+ "database: another database of the connection's server (one the catalog lists for it; 404 otherwise); "
			+ "omitted: the connection's own")
	ResponseEntity<BackupView> start(@Valid @RequestBody CreateBackup body) {
		BackupView view = runs.start(new BackupRequest(body.connectionId(), body.kind(), body.compression(),
				body.compressionLevel(), body.encrypted(), body.storage(), body.targets(), body.includeSchemas(), body.excludeSchemas(),
				body.includeTables(), body.excludeTables(), body.database()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(view);
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	BackupView get(@PathVariable UUID id) {
		return backups.get(id);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Progress as Server-Sent Events: 'progress' (BackupProgress) while running, then one 'done', 'failed' "
			+ "or 'cancelled' (BackupView); the typed stream of the run is GET /api/jobs/{jobId}/events",
			responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
					description = "SSE stream: 'progress' events carry a BackupProgress, the last one a BackupView",
					content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
							schema = @io.swagger.v3.oas.annotations.media.Schema(
									oneOf = { BackupProgress.class, BackupView.class }))))
	SseEmitter events(@PathVariable UUID id) {
		BackupView initial = backups.get(id);
		SseEmitter emitter = new SseEmitter(Duration.ofHours(24).toMillis());
		var auth = org.springframework.security.core.context.SecurityContextHolder.getContext();
		Thread.ofVirtual().name("backup-sse-" + id).start(() -> {
			org.springframework.security.core.context.SecurityContextHolder.setContext(auth);
			try {
				if (initial.status() == BackupStatus.IN_PROGRESS) {
					while (true) {
						Optional<BackupProgress> progress = runs.progress(id);
						if (progress.isEmpty()) {
							break;
						}
						emitter.send(SseEmitter.event().name("progress").data(progress.get(), MediaType.APPLICATION_JSON));
						Thread.sleep(500);
					}
				}
				BackupView last = backups.get(id);
				String name = switch (last.status()) {
					case COMPLETED -> "done";
					case CANCELLED -> "cancelled";
					case FAILED -> "failed";
					case IN_PROGRESS -> "progress";
				};
				emitter.send(SseEmitter.event().name(name).data(last, MediaType.APPLICATION_JSON));
				emitter.complete();
			}
			catch (IOException | IllegalStateException e) {
				// the client went away
				emitter.completeWithError(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				emitter.complete();
			}
			catch (RuntimeException e) {
				emitter.completeWithError(e);
			}
			finally {
				org.springframework.security.core.context.SecurityContextHolder.clearContext();
			}
		});
		return emitter;
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	BackupView cancel(@PathVariable UUID id) {
		return runs.cancel(id);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Delete a backup and its artefact; confirm must repeat the file name")
	ResponseEntity<Void> delete(@PathVariable UUID id, @RequestParam(required = false) @Nullable String confirm) {
		backups.delete(id, confirm);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/download")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "The plain dump (decrypted, decompressed), or the stored artefact with raw=true")
	ResponseEntity<StreamingResponseBody> download(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean raw)
			throws IOException {
		BackupArtefacts.Download d = backups.download(id, raw);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment().filename(d.fileName()).build());
		headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
		if (raw && d.knownSize() >= 0) {
			headers.setContentLength(d.knownSize());
		}
		StreamingResponseBody body = out -> d.writer().writeTo(out);
		return new ResponseEntity<>(body, headers, HttpStatus.OK);
	}

	@PostMapping("/{id}/verify")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Start a verification job: checksum, decrypt and decompress end to end, the engine's listing, "
			+ "optionally a test restore; answers at once with the job (result: GET /{id}/verifications/{jobId})")
	ResponseEntity<JobView> verify(@PathVariable UUID id, @RequestBody(required = false) @Nullable Verify body) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(restores.verify(id, body != null && Boolean.TRUE.equals(body.testRestore())));
	}

	@GetMapping("/{id}/verifications/{jobId}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "What a finished verification job found (also when it failed on a damaged backup)")
	VerifyResult verification(@PathVariable UUID id, @PathVariable UUID jobId) {
		return restores.verifyResult(id, jobId);
	}

	@PostMapping("/{id}/restore")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Start a restore job into a target connection's database; confirm must repeat the database name; "
			+ "answers at once with the job (result: GET /{id}/restores/{jobId})")
	ResponseEntity<JobView> restore(@PathVariable UUID id, @RequestBody Restore body) {
		// the body is checked after the right to write into the target (in BackupRestores), not by @Valid before it
		if (body.targetConnectionId() == null) {
			throw new InvalidInput("targetConnectionId", "must not be null");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(restores.restore(id, new RestoreRequest(
				body.targetConnectionId(), body.database(), Boolean.TRUE.equals(body.newDatabase()),
				Boolean.TRUE.equals(body.clean()), body.jobs(), body.confirm())));
	}

	@GetMapping("/{id}/restores/{jobId}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The outcome of a finished restore job: target, database, duration and restored row counts")
	RestoreResult restoreResult(@PathVariable UUID id, @PathVariable UUID jobId) {
		return restores.restoreResult(id, jobId);
	}

	@ExceptionHandler(ArtefactUnavailable.class)
	ProblemDetail artefactUnavailable(ArtefactUnavailable e) {
		log.warn("{}", e.getMessage());
		return switch (e.reason()) {
			case MISSING -> Problems.of(HttpStatus.NOT_FOUND, "backup-artefact-missing", "Backup artefact missing",
					e.getMessage());
			case UNREADABLE -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "backup-storage-unavailable",
					"Backup storage unavailable", e.getMessage());
		};
	}

	/**
	 * Before a download starts: a problem body. After (damage found mid-stream): too late for a status, so the
	 * connection is cut and the client sees a failed transfer instead of a clean, short or altered file.
	 */
	@ExceptionHandler({ BackupCorrupted.class, WrongKey.class })
	@Nullable ProblemDetail unreadable(IOException e, HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			log.warn("Download {} cut off: {}", request.getRequestURI(), e.getMessage());
			CutConnection.request(request);
			return null;
		}
		log.warn("{}", e.getMessage());
		return e instanceof WrongKey
				? Problems.of(HttpStatus.CONFLICT, "backup-key-unavailable", "Backup key unavailable", e.getMessage())
				: Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "backup-damaged", "Backup damaged", e.getMessage());
	}

	@ExceptionHandler(RestoreFailed.class)
	ProblemDetail restoreFailed(RestoreFailed e, HttpServletRequest request) {
		if (e.audited()) {
			// the failed backup.restore event is the record; no second one for the HTTP status
			StewardRequest.markAudited(request);
		}
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "restore-failed", "Restore failed", e.getMessage());
	}
}

package dev.steward.backup;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.backup.internal.BackupAccess;
import dev.steward.backup.internal.BackupRow;
import dev.steward.backup.internal.RestorePlan;
import dev.steward.backup.internal.RestoreWork;
import dev.steward.backup.internal.VerifyWork;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.ToolUnavailable;
import dev.steward.job.JobKind;
import dev.steward.job.JobRequest;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Restores and verifications (with or without a test restore) of completed backups. The request is checked at
 * once (rights first, then the body, the target and the tools); the work then runs as a cancellable job whose id
 * the caller gets back immediately. Its typed result is read with {@link #restoreResult} / {@link #verifyResult}.
 */
@Service
public class BackupRestores {

	/** Letters and digits of any script, and space _ . $ % - inside (MySQL names such as {@code sec$m x%é}); no path separators. */
	static final Pattern DATABASE_NAME = Pattern.compile("^[\\p{L}\\p{N}_][\\p{L}\\p{N} _.$%-]{0,62}$");

	private final ConnectionLookup connections;

	private final BackupAccess access;

	private final BackupProperties props;

	private final RestoreWork restoreWork;

	private final VerifyWork verifyWork;

	private final Jobs jobs;

	private final dev.steward.backup.internal.BackupRecords records;

	BackupRestores(ConnectionLookup connections, BackupAccess access, BackupProperties props, RestoreWork restoreWork,
			VerifyWork verifyWork, Jobs jobs, dev.steward.backup.internal.BackupRecords records) {
		this.records = records;
		this.connections = connections;
		this.access = access;
		this.props = props;
		this.restoreWork = restoreWork;
		this.verifyWork = verifyWork;
		this.jobs = jobs;
	}

	/** Starts a verification (a test restore needs the right to write into the backup's server). */
	public JobView verify(UUID id, boolean testRestore) {
		BackupRow row = access.completed(id);
		ConnectionSpec server = testRestore ? connections.resolveWritable(row.connectionId()).spec() : null;
		RestoreCapability restore = access.capability(row.engine(), RestoreCapability.class, "connectionId");
		Actor actor = Actor.current();
		return jobs.submit(request(testRestore ? JobKind.TEST_RESTORE : JobKind.VERIFY, row.connectionId(), id, actor,
				null), job -> verifyWork.run(row, restore, server, actor, job));
	}

	/**
	 * For schedules, acting as the system: verifies a completed backup, with a test restore into a scratch database
	 * when {@code testRestore}: on the server of connection {@code serverId} (of the backup's engine; the job then
	 * belongs to that connection), or on the backup's own when null.
	 */
	public JobView verifyAsSystem(UUID id, boolean testRestore, @Nullable UUID serverId) {
		BackupRow row = records.find(id).orElseThrow(() -> new NotFound("Backup", id));
		if (row.status() != BackupStatus.COMPLETED) {
			throw new Conflict("The backup is " + row.status() + "; only completed backups can be verified");
		}
		UUID serverConnection = testRestore && serverId != null ? serverId : row.connectionId();
		ConnectionSpec server = testRestore ? testRestoreServer(row, serverConnection) : null;
		RestoreCapability restore = access.capability(row.engine(), RestoreCapability.class, "connectionId");
		Actor actor = Actor.system();
		return jobs.submit(new JobRequest(testRestore ? JobKind.TEST_RESTORE : JobKind.VERIFY, serverConnection, id,
				actor, null, Actor.SYSTEM, null, props.stallTimeout(), props.overallTimeout()),
				job -> verifyWork.run(row, restore, server, actor, job));
	}

	private ConnectionSpec testRestoreServer(BackupRow row, UUID connectionId) {
		ResolvedConnection target = connections.resolveAsSystem(connectionId);
		if (!target.engine().equals(row.engine())) {
			throw new Conflict("The test-restore connection is " + target.engine() + "; the backup is " + row.engine());
		}
		return target.spec();
	}

	/**
	 * Any restore writes into the target's server, so it needs the right to edit that connection (owner or ADMIN),
	 * checked before the rest of the request is validated.
	 */
	public JobView restore(UUID id, RestoreRequest request) {
		BackupRow row = access.completed(id);
		ResolvedConnection target = connections.resolveWritable(request.targetConnectionId());
		if (request.confirm() == null || request.confirm().isBlank()) {
			throw new InvalidInput("confirm", "must repeat the target database's name");
		}
		if (!target.engine().equals(row.engine())) {
			throw new InvalidInput("targetConnectionId", "is a " + target.engine() + " connection; this backup is " + row.engine());
		}
		RestoreCapability restore = access.capability(row.engine(), RestoreCapability.class, "connectionId");
		boolean fileBased = access.traits(row.engine()).fileBased();
		// a backup of another database of the same connection goes back into that database unless told otherwise
		String database = request.database() != null ? request.database()
				: !fileBased && row.database() != null && target.id().equals(row.connectionId()) ? row.database()
						: defaultDatabase(target.spec(), fileBased);
		if (database == null || !DATABASE_NAME.matcher(database).matches()) {
			throw new InvalidInput("database", "must be 1-63 letters, digits, space, _ . $ % - (starting with a letter, digit or _)");
		}
		if (!database.equals(request.confirm())) {
			throw new Conflict("The confirmation does not repeat the target database's name ('" + database + "')");
		}
		int parallel = request.jobs() == null ? 1 : request.jobs();
		if (parallel < 1 || parallel > 16) {
			throw new InvalidInput("jobs", "must be between 1 and 16");
		}
		try {
			restore.preflight(target.spec());
		}
		catch (ToolUnavailable e) {
			throw new Conflict(e.getMessage());
		}
		boolean exists = restore.databaseExists(target.spec(), database);
		if (request.newDatabase() && exists) {
			throw new Conflict("The database '" + database + "' already exists; restore into it without newDatabase, or pick a new name");
		}
		if (!request.newDatabase() && !exists) {
			throw new InvalidInput("database", "does not exist on the target; set newDatabase to create it");
		}
		Actor actor = Actor.current();
		RestorePlan plan = new RestorePlan(row, target.id(), target.spec(), fileBased, restore, database, request.newDatabase(),
				request.clean(), parallel, actor);
		return jobs.submit(request(JobKind.RESTORE, target.id(), id, actor, "restore:" + target.id() + "/" + database),
				job -> restoreWork.run(plan, job));
	}

	private JobRequest request(JobKind kind, UUID connectionId, UUID backupId, Actor actor, @Nullable String key) {
		CurrentUser user = CurrentUser.require();
		return new JobRequest(kind, connectionId, backupId, actor, user.id(), user.username(), key,
				props.stallTimeout(), props.overallTimeout());
	}

	private static @Nullable String defaultDatabase(ConnectionSpec spec, boolean fileBased) {
		if (fileBased && spec.filePath() != null) {
			return Path.of(spec.filePath()).getFileName().toString();
		}
		return spec.database();
	}

	/** The result of a finished restore job of backup {@code id}. */
	public RestoreResult restoreResult(UUID id, UUID jobId) {
		return result(id, jobId, Set.of(JobKind.RESTORE), RestoreResult.class);
	}

	/** What a finished verification job of backup {@code id} found (also when it failed on a damaged backup). */
	public VerifyResult verifyResult(UUID id, UUID jobId) {
		return result(id, jobId, Set.of(JobKind.VERIFY, JobKind.TEST_RESTORE), VerifyResult.class);
	}

	private <T> T result(UUID id, UUID jobId, Set<JobKind> kinds, Class<T> type) {
		access.visible(id);
		JobView job = jobs.get(jobId);
		if (!id.equals(job.subjectId()) || !kinds.contains(job.kind())) {
			throw new NotFound("Job", jobId);
		}
		if (!job.status().finished()) {
			throw new Conflict("The job is still " + job.status().name().toLowerCase(java.util.Locale.ROOT));
		}
		String json = jobs.resultJson(jobId)
			.orElseThrow(() -> new Conflict("The job ended without a result (" + job.status() + ")"));
		return BackupAccess.JSON.readValue(json, type);
	}
}

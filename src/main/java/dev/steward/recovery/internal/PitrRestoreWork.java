package dev.steward.recovery.internal;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.SealedObjects;
import dev.steward.connection.ConnectionDraft;
import dev.steward.connection.ConnectionProfiles;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.engine.ToolControl;
import dev.steward.job.JobContext;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;
import dev.steward.recovery.RecoveryEvents;
import dev.steward.shared.Actor;

/**
 * A point-in-time restore as a job: the base backup is decrypted and unpacked into a new instance directory, the WAL
 * it needs is decrypted into a staging directory beside it (STAGING), recovery is configured and a server of the same
 * major version started on a free local port until recovery ends (RESTORING); the new server is then registered as
 * a connection of the requesting user, whose id is the job's result. A failure stops the server and removes the
 * directory. The original server and its files are never touched.
 */
@Component
public class PitrRestoreWork {

	private static final Pattern SAFE_FILE = Pattern.compile("^[0-9A-Za-z.]{1,40}$");

	/** What to restore: decided and checked in the request, before the job starts. */
	public record Plan(RecoveryRecords.Archive archive, String sourceName, ConnectionSpec login, UUID ownerId,
			RecoveryRecords.BaseBackupRow base, List<RecoveryRecords.WalFile> wal,
			PhysicalBackupCapability.RecoveryTarget target, String targetText, Actor actor) {
	}

	private final RecoveryDirs dirs;

	private final SealedObjects sealed;

	private final RecoveryRecords records;

	private final RestoredProcesses processes;

	private final ConnectionProfiles connections;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PitrRestoreWork(RecoveryDirs dirs, SealedObjects sealed, RecoveryRecords records, RestoredProcesses processes,
			ConnectionProfiles connections, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.dirs = dirs;
		this.sealed = sealed;
		this.records = records;
		this.processes = processes;
		this.connections = connections;
		this.events = events;
		this.tx = tx;
	}

	public void run(Plan plan, PhysicalBackupCapability engine, JobContext job) throws Exception {
		JobErrors.coded(job, () -> restore(plan, engine, job));
	}

	private void restore(Plan plan, PhysicalBackupCapability engine, JobContext job) throws Exception {
		UUID dirId = UUID.randomUUID();
		Path dir = dirs.instance(dirId);
		ToolControl control = new ToolControl();
		job.onAbort(f -> control.abort(f.message()));
		job.onFailure(f -> RecoveryDirs.deleteTree(dir));
		Path data = Files.createDirectory(dir.resolve("data"));
		Path wal = Files.createDirectory(dir.resolve("wal"));
		stage(plan, engine, data, wal, control, job);
		job.phase(JobPhase.RESTORING);
		engine.configureRecovery(data, wal, plan.target());
		int port = freePort();
		PhysicalBackupCapability.RestoredServer server = engine.startRestored(plan.archive().serverMajor(), data, port,
				plan.login(), dir.resolve("server.log"), control);
		job.onFailure(f -> ToolControl.destroyTree(server.process()));
		UUID connectionId = register(plan, port);
		processes.add(connectionId, server.process());
		tx.executeWithoutResult(t -> {
			records.insertInstance(new RecoveryRecords.InstanceRow(connectionId, plan.archive().connectionId(), port,
					dir.toString(), plan.targetText(), server.reachedLsn(), RestoredProcesses.INSTANCE,
					plan.actor().username(), RecoveryRecords.now()));
			events.publishEvent(new RecoveryEvents.RestoredInstanceStarted(plan.actor(), connectionId,
					plan.archive().connectionId(), port, server.reachedLsn()));
		});
		job.result(connectionId.toString(), "Restored to " + plan.targetText() + " on port " + port
				+ "; recovery reached " + server.reachedLsn(),
				"{\"connectionId\":\"" + connectionId + "\",\"port\":" + port + ",\"reachedLsn\":\"" + server.reachedLsn() + "\"}");
	}

	private void stage(Plan plan, PhysicalBackupCapability engine, Path data, Path wal, ToolControl control,
			JobContext job) throws Exception {
		job.phase(JobPhase.STAGING);
		String target = plan.archive().storageTarget();
		int total = plan.wal().size() + 1;
		job.progress(0, (long) total, ProgressUnit.ITEMS);
		// decrypted to a file first: the checksum is checked over every byte before tar reads any of it
		Path tar = data.getParent().resolve("base.tar");
		try (InputStream base = sealed.open(target, plan.base().objectName(), String.valueOf(plan.base().checksum()))) {
			Files.copy(base, tar);
		}
		engine.unpackBase(tar, data, control);
		Files.delete(tar);
		int done = 1;
		job.progress(done, (long) total, ProgressUnit.ITEMS);
		for (RecoveryRecords.WalFile f : plan.wal()) {
			job.throwIfAborted();
			if (!SAFE_FILE.matcher(f.fileName()).matches()) {
				throw new IllegalStateException("Unexpected WAL file name in the archive's records: " + f.fileName());
			}
			Path temp = wal.resolve(f.fileName() + ".tmp");
			try (InputStream in = sealed.open(target, f.objectName(), f.checksum())) {
				Files.copy(in, temp);
			}
			Files.move(temp, wal.resolve(f.fileName()), StandardCopyOption.ATOMIC_MOVE);
			job.progress(++done, (long) total, ProgressUnit.ITEMS);
		}
	}

	private UUID register(Plan plan, int port) {
		String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC)
			.format(java.time.Instant.now());
		String base = plan.sourceName().length() > 60 ? plan.sourceName().substring(0, 60) : plan.sourceName();
		ConnectionSpec login = plan.login();
		ConnectionDraft draft = new ConnectionDraft(base + " (restored " + when + ")",
				"Restored instance: " + plan.targetText(), null, login.engine().name(), "127.0.0.1", port,
				login.database(), login.username(), login.password(), null, "DISABLE", null, null, null, true, false,
				List.of("restored"), null);
		return connections.createOnBehalf(draft, plan.ownerId(), plan.actor());
	}

	private static int freePort() throws java.io.IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

package dev.steward.backup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.backup.internal.BackupAccess;
import dev.steward.backup.internal.BackupKey;
import dev.steward.backup.internal.BackupKeys;
import dev.steward.backup.internal.BackupRecords;
import dev.steward.backup.internal.BackupRow;
import dev.steward.backup.internal.BackupStore;
import dev.steward.backup.internal.BackupStores;
import dev.steward.backup.internal.Compressors;
import dev.steward.backup.internal.DumpExecution;
import dev.steward.backup.internal.DumpRun;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptionRefused;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.ToolUnavailable;
import dev.steward.job.JobKind;
import dev.steward.job.JobRequest;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;

/**
 * Running backups: start one as a {@link JobKind#BACKUP} job (queued within the kind's limit, one per connection
 * at a time), follow and cancel it. A scheduler only has to call {@link #startAsSystem}.
 */
@Service
public class BackupRuns {

	private final ConnectionLookup connections;

	private final BackupAccess access;

	private final BackupRecords records;

	private final BackupStores stores;

	private final BackupKeys keys;

	private final BackupProperties props;

	private final DumpExecution execution;

	private final Jobs jobs;

	private final dev.steward.backup.internal.BackupCopies copies;

	private final ApplicationEventPublisher events;

	private final BackupDatabases databases;

	/** Stored bytes of the runs of this instance, for the backup's own progress stream. */
	private final Map<UUID, AtomicReference<LongSupplier>> storedBytes = new ConcurrentHashMap<>();

	BackupRuns(ConnectionLookup connections, BackupAccess access, BackupRecords records, BackupStores stores,
			BackupKeys keys, BackupProperties props, DumpExecution execution, Jobs jobs,
			ApplicationEventPublisher events, dev.steward.backup.internal.BackupCopies copies, BackupDatabases databases) {
		this.databases = databases;
		this.copies = copies;
		this.connections = connections;
		this.access = access;
		this.records = records;
		this.stores = stores;
		this.keys = keys;
		this.props = props;
		this.execution = execution;
		this.jobs = jobs;
		this.events = events;
	}

	@Transactional
	public BackupView start(BackupRequest request) {
		CurrentUser user = CurrentUser.require();
		ResolvedConnection connection = connections.resolveActive(request.connectionId());
		return start(request, connection, user.id(), user.username(), Actor.current(), BackupTrigger.MANUAL);
	}

	/** For schedules: no current user, the system acts. */
	@Transactional
	public BackupView startAsSystem(BackupRequest request) {
		ResolvedConnection connection = connections.resolveAsSystem(request.connectionId());
		return start(request, connection, null, Actor.SYSTEM, Actor.system(), BackupTrigger.SCHEDULED);
	}

	private BackupView start(BackupRequest request, ResolvedConnection connection, @Nullable UUID userId,
			String userName, Actor actor, BackupTrigger trigger) {
		DumpCapability dump = access.capability(connection.engine(), DumpCapability.class, "connectionId");
		BackupDatabases.Choice choice = databases.choose(connection, dump, request.database());
		String database = choice.database();
		boolean other = !choice.own();
		ConnectionSpec spec = other ? connection.spec().withDatabase(database) : connection.spec();
		DumpKind kind = request.kind() == null ? DumpKind.FULL : request.kind();
		Compression compression = request.compression() == null ? Compression.ZSTD : request.compression();
		int level = request.compressionLevel() == null ? Compressors.defaultLevel(compression) : request.compressionLevel();
		Compressors.checkLevel(compression, level);
		boolean encrypted = request.encrypted() == null || request.encrypted();
		List<BackupStore> targets = targets(request);
		DumpOptions options = options(request, kind);
		try {
			dump.preflight(spec, options);
		}
		catch (ToolUnavailable e) {
			throw new Conflict(e.getMessage());
		}
		BackupKey key = encrypted ? keys.active() : null;
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String fileName = fileName(other ? connection.name() + "-" + database : connection.name(), now, kind,
				dump.extension(), compression, encrypted);
		BackupRow row = new BackupRow(id, connection.id(), connection.name(), connection.engine(), trigger, kind,
				new BackupRow.Artefact(fileName, connection.id() + "/" + fileName, targets.get(0).name(), compression,
						level, encrypted, key == null ? null : key.id()),
				BackupStatus.IN_PROGRESS, null, userId, userName, now, null, null, BackupRow.Outcome.NONE, null, database);
		records.insert(row);
		for (BackupStore t : targets) {
			copies.insert(id, t.name(), stores.displayName(t.name()), t.location(row.artefact().objectName()));
		}
		events.publishEvent(new BackupEvents.BackupStarted(actor, id, connection.id(), kind.name(),
				String.join(", ", targets.stream().map(t -> stores.displayName(t.name())).toList()), database));
		AtomicReference<LongSupplier> stored = new AtomicReference<>(() -> 0);
		DumpRun run = new DumpRun(row, spec, dump, options, targets, key, actor, stored);
		JobView job = jobs.submit(new JobRequest(JobKind.BACKUP, connection.id(), id, actor, userId, userName,
				"backup:" + connection.id(), props.stallTimeout(), props.overallTimeout()), context -> {
					storedBytes.put(id, stored);
					try {
						execution.execute(run, context);
					}
					finally {
						storedBytes.remove(id);
					}
				});
		records.linkJob(id, job.id());
		return access.view(row.withJob(job.id()), false);
	}

	/** The chosen targets' stores, each once, in the order given; {@code local} when none is named. */
	private List<BackupStore> targets(BackupRequest request) {
		List<String> named = request.targets() != null && !request.targets().isEmpty() ? request.targets()
				: List.of(request.storage() == null ? "local" : request.storage());
		if (named.size() > 10) {
			throw new InvalidInput("targets", "at most 10 storage targets");
		}
		java.util.LinkedHashMap<String, BackupStore> chosen = new java.util.LinkedHashMap<>();
		for (String n : named) {
			String field = request.targets() != null && !request.targets().isEmpty() ? "targets" : "storage";
			String key = stores.key(n, field);
			chosen.putIfAbsent(key, stores.get(key));
		}
		return List.copyOf(chosen.values());
	}

	private DumpOptions options(BackupRequest r, DumpKind kind) {
		try {
			return new DumpOptions(kind, nn(r.includeSchemas()), nn(r.excludeSchemas()), nn(r.includeTables()),
					nn(r.excludeTables()), stores.workDir());
		}
		catch (DumpOptionRefused e) {
			throw new InvalidInput(e.field(), e.reason());
		}
	}

	private static List<String> nn(@Nullable List<String> l) {
		return l == null ? List.of() : l;
	}

	static String fileName(String connectionName, OffsetDateTime at, DumpKind kind, String extension,
			Compression compression, boolean encrypted) {
		String base = connectionName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (base.isEmpty()) {
			base = "backup";
		}
		if (base.length() > 60) {
			base = base.substring(0, 60);
		}
		String stamp = at.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		String name = base + "-" + stamp + "-" + kind.name().toLowerCase(Locale.ROOT) + "-"
				+ UUID.randomUUID().toString().substring(0, 6) + "." + extension;
		if (!compression.suffix().isEmpty()) {
			name += "." + compression.suffix();
		}
		return encrypted ? name + ".stwenc" : name;
	}

	/** Asks the run's job to stop (audited as {@code job.cancel}; the run's end as {@code backup.cancel}). */
	public BackupView cancel(UUID id) {
		BackupRow row = access.visible(id);
		if (row.status() != BackupStatus.IN_PROGRESS || row.jobId() == null) {
			throw new Conflict("The backup is not running (status " + row.status() + ")");
		}
		jobs.cancel(row.jobId());
		return access.view(row, false);
	}

	/** Live progress for the backup's own stream, or empty once the run is over. */
	public Optional<BackupProgress> progress(UUID id) {
		BackupRow row = access.visible(id);
		if (row.jobId() == null) {
			return Optional.empty();
		}
		return jobs.find(row.jobId()).filter(j -> !j.status().finished()).map(j -> {
			AtomicReference<LongSupplier> stored = storedBytes.get(id);
			return new BackupProgress(id, j.phase().name().toLowerCase(Locale.ROOT), j.progress().done(),
					stored == null ? 0 : stored.get().getAsLong(), BackupStatus.IN_PROGRESS, j.id());
		});
	}
}

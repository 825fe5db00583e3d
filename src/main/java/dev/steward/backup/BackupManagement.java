package dev.steward.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.internal.BackupKey;
import dev.steward.backup.internal.BackupKeys;
import dev.steward.backup.internal.BackupPipeline;
import dev.steward.backup.internal.HandOffOutputStream;
import dev.steward.backup.internal.BackupRecords;
import dev.steward.backup.internal.BackupRow;
import dev.steward.backup.internal.BackupStore;
import dev.steward.backup.internal.BackupStores;
import dev.steward.backup.internal.Compressors;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpResult;
import dev.steward.engine.Engines;
import dev.steward.engine.FileRefused;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolControl;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolUnavailable;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups of registered connections: start (queued, bounded concurrency, one run per connection at a time),
 * watch, cancel, list, download, verify, restore and delete. Runs stream dump → compression → encryption →
 * store; a stalled or overdue run is aborted, and a failed one leaves no artefact. A scheduler only has to
 * call {@link #startAsSystem}.
 */
@Service
public class BackupManagement implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BackupManagement.class);

	/** Letters and digits of any script, and space _ . $ % - inside (MySQL names such as {@code sec$m x%é}); no path separators. */
	static final Pattern DATABASE_NAME = Pattern.compile("^[\\p{L}\\p{N}_][\\p{L}\\p{N} _.$%-]{0,62}$");

	private final ConnectionLookup connections;

	private final Engines engines;

	private final BackupRecords records;

	private final BackupStores stores;

	private final BackupKeys keys;

	private final BackupProperties props;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
			r -> Thread.ofPlatform().daemon().name("backup-watchdog").unstarted(r));

	private final Semaphore slots;

	private final Map<UUID, Semaphore> perConnection = new ConcurrentHashMap<>();

	private final Map<UUID, Run> runs = new ConcurrentHashMap<>();

	/**
	 * Verifies and restores run inside their HTTP request (the request thread waits for the tool, so a client that
	 * disconnects does not orphan it: the work runs to its end and is audited). Kept here so that a shutdown stops
	 * their tools too instead of leaving them running without Steward.
	 */
	private final java.util.Set<ToolControl> inRequests = ConcurrentHashMap.newKeySet();

	public BackupManagement(ConnectionLookup connections, Engines engines, BackupRecords records, BackupStores stores,
			BackupKeys keys, BackupProperties props, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.connections = connections;
		this.engines = engines;
		this.records = records;
		this.stores = stores;
		this.keys = keys;
		this.props = props;
		this.events = events;
		this.tx = tx;
		this.slots = new Semaphore(props.maxConcurrent(), true);
		watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
	}

	/** A run in memory: its abort handle and live counters. */
	private static final class Run {

		final UUID id;

		final ToolControl control = new ToolControl();

		final long createdNanos = System.nanoTime();

		volatile String phase = "queued";

		volatile AtomicLong raw = new AtomicLong();

		volatile AtomicLong stored = new AtomicLong();

		volatile long lastBytes = -1;

		volatile long lastProgressNanos = System.nanoTime();

		volatile boolean cancelled;

		Run(UUID id) {
			this.id = id;
		}
	}

	// ---- starting and running -------------------------------------------------------------------------

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
		DumpCapability dump = capability(connection, DumpCapability.class);
		DumpKind kind = request.kind() == null ? DumpKind.FULL : request.kind();
		Compression compression = request.compression() == null ? Compression.ZSTD : request.compression();
		int level = request.compressionLevel() == null ? Compressors.defaultLevel(compression) : request.compressionLevel();
		Compressors.checkLevel(compression, level);
		boolean encrypted = request.encrypted() == null || request.encrypted();
		BackupStore store = stores.get(request.storage() == null ? "local" : request.storage());
		DumpOptions options = options(request, kind);
		try {
			dump.preflight(connection.spec(), options);
		}
		catch (ToolUnavailable e) {
			throw new Conflict(e.getMessage());
		}
		if (!connection.spec().engine().equals(connection.engine())) {
			throw new IllegalStateException("engine mismatch");
		}
		BackupKey key = encrypted ? keys.active() : null;
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String fileName = fileName(connection.name(), now, kind, dump.extension(), compression, encrypted);
		String objectName = connection.id() + "/" + fileName;
		BackupRow row = new BackupRow(id, connection.id(), connection.name(), connection.engine().name(), fileName,
				objectName, store.name(), trigger.name(), kind.name(), compression.name(), level, encrypted,
				key == null ? null : key.id(), BackupStatus.IN_PROGRESS.name(), null, userId, userName, now, null, null,
				null, null, null, null);
		records.insert(row);
		events.publishEvent(new BackupEvents.BackupStarted(actor, id, connection.id(), kind.name(), store.name()));
		Run run = new Run(id);
		runs.put(id, run);
		Runnable launch = () -> executor.submit(() -> execute(run, row, connection.spec(), dump, options, store, key, actor));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					launch.run();
				}

				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						runs.remove(id);
					}
				}
			});
		}
		else {
			launch.run();
		}
		return view(row, false);
	}

	private DumpOptions options(BackupRequest r, DumpKind kind) {
		try {
			return new DumpOptions(kind, nn(r.includeSchemas()), nn(r.excludeSchemas()), nn(r.includeTables()),
					nn(r.excludeTables()), stores.workDir());
		}
		catch (IllegalArgumentException e) {
			String message = String.valueOf(e.getMessage());
			int colon = message.indexOf(':');
			throw new InvalidInput(colon > 0 ? message.substring(0, colon) : "options",
					colon > 0 ? message.substring(colon + 2) : message);
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

	private void execute(Run run, BackupRow row, ConnectionSpec spec, DumpCapability dump, DumpOptions options,
			BackupStore store, @Nullable BackupKey key, Actor actor) {
		Semaphore connectionLock = perConnection.computeIfAbsent(row.connectionId(), k -> new Semaphore(1, true));
		boolean haveConnection = false;
		boolean haveSlot = false;
		BackupStore.Upload upload = null;
		boolean manifestWritten = false;
		BackupPipeline.Writer writer = null;
		Instant started = Instant.now();
		try {
			haveConnection = acquire(connectionLock, run);
			haveSlot = acquire(slots, run);
			run.control.throwIfAborted();
			started = Instant.now();
			Instant startedAt = started;
			tx.executeWithoutResult(s -> records.markStarted(row.id(), startedAt.atOffset(ZoneOffset.UTC)));
			run.phase = "dumping";
			run.lastProgressNanos = System.nanoTime();
			upload = store.create(row.objectName(), 0);
			writer = BackupPipeline.writer(upload.stream(), Compression.valueOf(row.compression()),
					row.compressionLevel(), key);
			run.raw = writer.rawBytes();
			run.stored = writer.storedBytes();
			DumpResult result = dump.dump(spec, options, writer.input(), run.control);
			run.control.throwIfAborted();
			run.phase = "storing";
			String sha = writer.finish();
			upload.commit();
			Instant finished = Instant.now();
			BackupManifest manifest = new BackupManifest(1, row.id().toString(), row.connectionId().toString(),
					row.engine(), result.serverVersion(), result.tool(), result.toolVersion(), result.format(),
					result.consistency(), row.kind(),
					row.compression(), row.compressionLevel(), key != null,
					key == null ? null : "AES-256-GCM, 1 MiB chunks, HKDF-SHA256 per-backup key (steward-backup-v1)",
					key == null ? null : key.id(), writer.rawBytes().get(), writer.storedBytes().get(), sha, started,
					finished, Duration.between(started, finished).toMillis(), result.tables());
			String manifestJson = json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
			store.writeSmall(row.objectName() + ".manifest.json", manifestJson.getBytes(StandardCharsets.UTF_8));
			manifestWritten = true;
			run.phase = "done";
			tx.executeWithoutResult(s -> {
				records.complete(row.id(), finished.atOffset(ZoneOffset.UTC), manifest.rawSize(), manifest.storedSize(), sha,
						manifestJson);
				events.publishEvent(new BackupEvents.BackupCompleted(actor, row.id(), manifest.storedSize(),
						manifest.durationMillis()));
			});
		}
		catch (Throwable t) {
			if (writer != null) {
				writer.abandon();
			}
			if (upload != null) {
				upload.abort();
			}
			if (manifestWritten) {
				deleteQuietly(store, row.objectName());
				deleteQuietly(store, row.objectName() + ".manifest.json");
			}
			String reason = run.control.abortReason();
			boolean cancelled = run.cancelled;
			String message = reason != null ? reason : describe(t);
			if (!(t instanceof dev.steward.engine.ToolAborted) && reason == null) {
				log.warn("Backup {} of {} failed: {}", row.id(), row.connectionName(), message);
			}
			run.phase = cancelled ? "cancelled" : "failed";
			long raw = run.raw.get();
			tx.executeWithoutResult(s -> {
				records.finishUnsuccessfully(row.id(), cancelled ? "CANCELLED" : "FAILED", OffsetDateTime.now(ZoneOffset.UTC),
						message, raw);
				events.publishEvent(cancelled ? new BackupEvents.BackupCancelled(actor, row.id())
						: new BackupEvents.BackupFailed(actor, row.id(), message));
			});
			if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
				throw e;
			}
		}
		finally {
			if (haveSlot) {
				slots.release();
			}
			if (haveConnection) {
				connectionLock.release();
			}
			runs.remove(run.id);
		}
	}

	/** Waits for a permit while watching for cancellation. */
	private static boolean acquire(Semaphore semaphore, Run run) throws InterruptedException {
		while (!semaphore.tryAcquire(200, TimeUnit.MILLISECONDS)) {
			run.control.throwIfAborted();
		}
		return true;
	}

	static String describe(Throwable t) {
		if (t instanceof java.nio.file.FileSystemException fs && fs.getMessage() != null
				&& fs.getMessage().contains("No space left")) {
			return "The backup storage is full (no space left on device)";
		}
		String m = t.getMessage();
		if (m != null && m.contains("No space left on device")) {
			return "The backup storage is full (no space left on device)";
		}
		return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
	}

	private void watch() {
		long now = System.nanoTime();
		for (Run run : runs.values()) {
			if (!"dumping".equals(run.phase)) {
				continue;
			}
			long bytes = run.raw.get();
			if (bytes != run.lastBytes) {
				run.lastBytes = bytes;
				run.lastProgressNanos = now;
			}
			else if (now - run.lastProgressNanos > props.stallTimeout().toNanos()) {
				run.control.abort("Stalled: the dump produced no data for " + props.stallTimeout().toSeconds()
						+ " s (is it waiting for a lock held by another session?)");
			}
			if (now - run.createdNanos > props.overallTimeout().toNanos()) {
				run.control.abort("Timed out: the backup ran longer than " + props.overallTimeout().toMinutes() + " min");
			}
		}
	}

	@Transactional
	public BackupView cancel(UUID id) {
		BackupRow row = visible(id);
		Run run = runs.get(id);
		if (run == null || !BackupStatus.IN_PROGRESS.name().equals(row.status())) {
			throw new Conflict("The backup is not running (status " + row.status() + ")");
		}
		run.cancelled = true;
		run.control.abort("Cancelled by " + CurrentUser.require().username());
		return view(row, false);
	}

	/** Live progress, or empty once the run is over. */
	public Optional<BackupProgress> progress(UUID id) {
		Run run = runs.get(id);
		if (run == null) {
			return Optional.empty();
		}
		return Optional.of(new BackupProgress(id, run.phase, run.raw.get(), run.stored.get(), BackupStatus.IN_PROGRESS));
	}

	// ---- reading ------------------------------------------------------------------------------------------

	public PageResult<BackupView> list(@Nullable UUID connectionId, int page, int size) {
		CurrentUser user = CurrentUser.require();
		if (connectionId != null) {
			connections.resolve(connectionId);
		}
		// admins also see backups of connections deleted since; everyone else what their connections allow
		return records.page(user.isAdmin() ? null : connections.visibleIds(), connectionId, page, size)
			.map(r -> view(r, false));
	}

	public BackupView get(UUID id) {
		return view(visible(id), true);
	}

	private boolean canSee(UUID connectionId) {
		try {
			connections.resolve(connectionId);
			return true;
		}
		catch (NotFound e) {
			return false;
		}
	}

	private BackupRow visible(UUID id) {
		BackupRow row = records.find(id).orElseThrow(() -> new NotFound("Backup", id));
		if (!CurrentUser.require().isAdmin() && !canSee(row.connectionId())) {
			throw new NotFound("Backup", id);
		}
		return row;
	}

	private BackupRow completed(UUID id) {
		BackupRow row = visible(id);
		if (!BackupStatus.COMPLETED.name().equals(row.status())) {
			throw new Conflict("The backup is " + row.status().toLowerCase(Locale.ROOT).replace('_', ' ')
					+ "; only completed backups can be read");
		}
		return row;
	}

	private BackupView view(BackupRow r, boolean withManifest) {
		BackupManifest manifest = null;
		if (withManifest && r.manifest() != null) {
			manifest = json.readValue(r.manifest(), BackupManifest.class);
		}
		Long duration = r.startedAt() != null && r.finishedAt() != null
				? Duration.between(r.startedAt(), r.finishedAt()).toMillis() : null;
		return new BackupView(r.id(), r.connectionId(), r.connectionName(), r.engine(), r.fileName(), r.createdAt(),
				r.startedAt(), r.finishedAt(), duration, r.rawSize(), r.storedSize(), BackupTrigger.valueOf(r.trigger()),
				r.kind(), BackupStatus.valueOf(r.status()), r.error(), r.startedByName(), r.storageTarget(), r.compression(),
				r.compressionLevel(), r.encrypted(), r.keyId(), r.checksum(), manifest);
	}

	// ---- download ---------------------------------------------------------------------------------------

	/** What a download sends: a name and a writer. */
	public record Download(String fileName, long knownSize, StreamWriter writer) {
	}

	@FunctionalInterface
	public interface StreamWriter {

		void writeTo(OutputStream out) throws IOException;
	}

	/**
	 * Opens the artefact and checks what can be checked before a response starts: that it exists, its header
	 * (and for a plain download the first chunk) and that Steward holds its key. Damage further in surfaces as an
	 * exception from the writer, after the status was sent.
	 */
	@Transactional
	public Download download(UUID id, boolean raw) throws BackupCorrupted, WrongKey {
		BackupRow row = completed(id);
		InputStream stored = openArtefact(row);
		Download download;
		try {
			download = raw ? rawDownload(row, stored) : plainDownload(row, stored);
		}
		catch (IOException | RuntimeException e) {
			closeQuietly(stored);
			String prefix = "Backup " + id + " cannot be downloaded: ";
			if (e instanceof WrongKey) {
				throw new WrongKey(prefix + e.getMessage());
			}
			if (e instanceof BackupCorrupted) {
				throw new BackupCorrupted(prefix + e.getMessage());
			}
			if (e instanceof IOException io) {
				throw new ArtefactUnavailable(id, row.storageTarget(), ArtefactUnavailable.Reason.UNREADABLE,
						String.valueOf(io.getMessage()));
			}
			throw (RuntimeException) e;
		}
		events.publishEvent(new BackupEvents.BackupDownloaded(Actor.current(), id, raw));
		return download;
	}

	private Download rawDownload(BackupRow row, InputStream stored) throws IOException {
		InputStream checked = BackupPipeline.stored(stored, row.encrypted(), keys::find, row.checksum());
		return new Download(row.fileName(), row.storedSize() == null ? -1 : row.storedSize(), out -> {
			try (checked) {
				checked.transferTo(out);
			}
		});
	}

	private Download plainDownload(BackupRow row, InputStream stored) throws IOException {
		BackupPipeline.Reader reader = BackupPipeline.reader(stored, Compression.valueOf(row.compression()),
				row.encrypted(), keys::find);
		// decrypts and decompresses the start, so a damaged first chunk is still a problem response
		byte[] first = reader.readNBytes(64 * 1024);
		String plainName = row.fileName().replaceFirst("\\.stwenc$", "").replaceFirst("\\.(zst|gz)$", "");
		return new Download(plainName, row.rawSize() == null ? -1 : row.rawSize(), out -> {
			try (reader) {
				out.write(first);
				reader.transferTo(out);
				reader.verifyChecksum(row.checksum());
			}
		});
	}

	private InputStream openArtefact(BackupRow row) {
		BackupStore store = stores.get(row.storageTarget());
		try {
			return store.open(row.objectName());
		}
		catch (NoSuchFileException e) {
			throw new ArtefactUnavailable(row.id(), store.name(), ArtefactUnavailable.Reason.MISSING,
					store.describeMissing(row.objectName()));
		}
		catch (IOException e) {
			throw new ArtefactUnavailable(row.id(), store.name(), ArtefactUnavailable.Reason.UNREADABLE,
					String.valueOf(e.getMessage()));
		}
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ignored) {
			// the download is refused anyway; the original failure is what matters
		}
	}

	private BackupPipeline.Reader reader(BackupRow row) throws IOException {
		InputStream stored = openArtefact(row);
		try {
			return BackupPipeline.reader(stored, Compression.valueOf(row.compression()), row.encrypted(), keys::find);
		}
		catch (IOException | RuntimeException e) {
			stored.close();
			throw e;
		}
	}

	/** A source whose every stream, when closed, reads to the end and checks the stored bytes' checksum. */
	private ArchiveSource checkedSource(BackupRow row) {
		return () -> {
			BackupPipeline.Reader reader = reader(row);
			return new FilterInputStream(reader) {
				@Override
				public void close() throws IOException {
					try {
						reader.verifyChecksum(row.checksum());
					}
					finally {
						reader.close();
					}
				}
			};
		};
	}

	// ---- verify -----------------------------------------------------------------------------------------

	public VerifyResult verify(UUID id, boolean testRestore) {
		BackupRow row = completed(id);
		Actor actor = Actor.current();
		if (testRestore) {
			connections.resolveWritable(row.connectionId()); // a test restore creates a database on that server
		}
		RestoreCapability restore = capability(row.engine(), RestoreCapability.class);
		ToolControl control = new ToolControl();
		inRequests.add(control);
		ScheduledFuture<?> deadline = deadline(control);
		VerifyResult result;
		try {
			ArchiveListing listing;
			try {
				listing = restore.inspect(checkedSource(row), control);
			}
			catch (BackupCorrupted | WrongKey | ArchiveInvalid e) {
				result = new VerifyResult(false, !(e instanceof BackupCorrupted && String.valueOf(e.getMessage()).contains("checksum")),
						0, List.of(), e.getMessage(), null);
				publish(new BackupEvents.BackupVerified(actor, id, false, String.valueOf(e.getMessage())));
				return result;
			}
			VerifyResult.TestRestore test = testRestore ? testRestore(row, restore, control) : null;
			boolean ok = test == null || test.ok();
			result = new VerifyResult(ok, true, listing.entries(), listing.sample(),
					ok ? "Checksum, decryption, decompression and the engine's listing are all fine"
							+ (test == null ? "" : "; the test restore matched the manifest's row counts")
							: "The test restore's row counts differ from the manifest", test);
			publish(new BackupEvents.BackupVerified(actor, id, ok, result.message() + " (" + listing.entries() + " entries)"));
			return result;
		}
		catch (IOException | FileRefused e) {
			publish(new BackupEvents.BackupVerified(actor, id, false, describe(e)));
			return new VerifyResult(false, false, 0, List.of(), describe(e), null);
		}
		finally {
			deadline.cancel(false);
			inRequests.remove(control);
		}
	}

	private VerifyResult.TestRestore testRestore(BackupRow row, RestoreCapability restore, ToolControl control)
			throws IOException {
		ResolvedConnection connection = connections.resolveWritable(row.connectionId());
		String scratch = restore.scratchName(
				"steward_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
		ConnectionSpec spec = restore.createDatabase(connection.spec(), scratch);
		boolean reached = true;
		try {
			restore.restore(spec, checkedSource(row), new RestoreOptions(false, 1, stores.workDir()), control);
			List<TableRows> restored = restore.countRows(spec);
			BackupManifest manifest = json.readValue(row.manifest(), BackupManifest.class);
			List<VerifyResult.TableCheck> checks = new ArrayList<>();
			Map<String, Long> counts = new HashMap<>();
			restored.forEach(t -> counts.put(t.name(), t.rows()));
			boolean ok = true;
			for (TableRows expected : manifest.tables()) {
				long got = counts.getOrDefault(expected.name(), -1L);
				boolean match = expected.exact() ? got == expected.rows() : got >= 0;
				ok &= match;
				checks.add(new VerifyResult.TableCheck(expected.name(), expected.rows(), got, expected.exact(), match));
			}
			return new VerifyResult.TestRestore(ok, scratch, checks);
		}
		catch (TargetUnreachable e) {
			// a server that did not answer holds no scratch database, and would not answer a drop either
			reached = false;
			throw e;
		}
		finally {
			try {
				if (reached) {
					restore.dropDatabase(connection.spec(), scratch);
				}
			}
			catch (RuntimeException e) {
				log.warn("Could not drop the verification database {}: {}", scratch, e.getMessage());
			}
		}
	}

	// ---- restore ----------------------------------------------------------------------------------------

	/** Outcome of a restore. */
	public record RestoreResult(UUID backupId, UUID targetConnectionId, String database, boolean newDatabase,
			long durationMillis, List<TableRows> tables) {
	}

	/**
	 * Any restore writes into the target's server, so it needs the right to edit that connection (owner or ADMIN),
	 * checked before the rest of the request is validated.
	 */
	public RestoreResult restore(UUID id, RestoreRequest request) {
		BackupRow row = completed(id);
		Actor actor = Actor.current();
		ResolvedConnection target = connections.resolveWritable(request.targetConnectionId());
		if (request.confirm() == null || request.confirm().isBlank()) {
			throw new InvalidInput("confirm", "must repeat the target database's name");
		}
		if (!target.engine().name().equals(row.engine())) {
			throw new InvalidInput("targetConnectionId", "is a " + target.engine() + " connection; this backup is " + row.engine());
		}
		RestoreCapability restore = capability(row.engine(), RestoreCapability.class);
		String database = request.database() != null ? request.database() : defaultDatabase(target.spec());
		if (database == null || !DATABASE_NAME.matcher(database).matches()) {
			throw new InvalidInput("database", "must be 1-63 letters, digits, space, _ . $ % - (starting with a letter, digit or _)");
		}
		if (!database.equals(request.confirm())) {
			throw new Conflict("The confirmation does not repeat the target database's name ('" + database + "')");
		}
		int jobs = request.jobs() == null ? 1 : request.jobs();
		if (jobs < 1 || jobs > 16) {
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
		ToolControl control = new ToolControl();
		inRequests.add(control);
		ScheduledFuture<?> deadline = deadline(control);
		long start = System.nanoTime();
		boolean created = false;
		Path staged = null;
		try {
			// read and check everything before touching the target;
			// a parallel restore needs the dump as a file: stage it once, checked, and let the pre-check and the
			// restore both read that instead of decrypting and decompressing the backup twice
			ArchiveSource source = checkedSource(row);
			if (jobs > 1) {
				staged = stage(source, control);
				source = ArchiveSource.ofFile(staged);
			}
			restore.inspect(source, control);
			ConnectionSpec spec = engines.traits(target.engine()).fileBased() || request.newDatabase()
					? restore.createDatabase(target.spec(), database) : target.spec().withDatabase(database);
			created = request.newDatabase();
			restore.restore(spec, source, new RestoreOptions(request.clean(), jobs, stores.workDir()), control);
			List<TableRows> counts = restore.countRows(spec);
			publish(new BackupEvents.BackupRestored(actor, id, target.id(), database, true, null));
			return new RestoreResult(id, target.id(), database, request.newDatabase(),
					(System.nanoTime() - start) / 1_000_000, counts);
		}
		catch (IOException | RuntimeException e) {
			if (created) {
				try {
					restore.dropDatabase(target.spec(), database);
				}
				catch (RuntimeException dropFailed) {
					log.warn("Could not drop {} after a failed restore: {}", database, dropFailed.getMessage());
				}
			}
			String reason = control.abortReason() != null ? control.abortReason() : describe(e);
			publish(new BackupEvents.BackupRestored(actor, id, target.id(), database, false, reason));
			if (e instanceof BackupCorrupted || e instanceof WrongKey || e instanceof ArchiveInvalid
					|| e instanceof FileRefused) {
				throw new RestoreRefused("Restore refused, nothing was changed: " + reason);
			}
			throw new RestoreFailed("Restore failed: " + reason, e, true);
		}
		finally {
			deadline.cancel(false);
			inRequests.remove(control);
			if (staged != null) {
				try {
					Files.deleteIfExists(staged);
				}
				catch (IOException e) {
					log.warn("Could not remove the staged dump {}: {}", staged, e.getMessage());
				}
			}
		}
	}

	/** Copies the checked plain dump into a private temp file; a damaged backup fails here, before any change. */
	private Path stage(ArchiveSource source, ToolControl control) throws IOException {
		Files.createDirectories(stores.workDir());
		Path file = Files.createTempFile(stores.workDir(), "restore-", ".dump",
				java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
						java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
		// decrypting and decompressing on this thread, writing on another: the two overlap
		OutputStream fileOut = Files.newOutputStream(file);
		HandOffOutputStream out = new HandOffOutputStream(fileOut, 4, "restore-stage");
		try (InputStream in = source.open()) { // closing it checks the stored bytes' checksum
			in.transferTo(out);
			out.close();
		}
		catch (IOException | RuntimeException e) {
			out.abandon();
			try {
				fileOut.close();
			}
			catch (IOException ignored) {
				// the file is deleted next
			}
			Files.deleteIfExists(file);
			throw e;
		}
		control.throwIfAborted();
		return file;
	}

	private @Nullable String defaultDatabase(ConnectionSpec spec) {
		if (engines.traits(spec.engine()).fileBased() && spec.filePath() != null) {
			return Path.of(spec.filePath()).getFileName().toString();
		}
		return spec.database();
	}

	// ---- delete -----------------------------------------------------------------------------------------

	@Transactional
	public void delete(UUID id, @Nullable String confirm) {
		BackupRow row = visible(id);
		if (BackupStatus.IN_PROGRESS.name().equals(row.status())) {
			throw new Conflict("The backup is still running; cancel it first");
		}
		if (!row.fileName().equals(confirm)) {
			throw new Conflict("The confirmation does not repeat the backup's file name");
		}
		BackupStore store = stores.get(row.storageTarget());
		try {
			store.delete(row.objectName());
			store.delete(row.objectName() + ".manifest.json");
		}
		catch (IOException e) {
			throw new RestoreFailed("Could not delete the backup artefact: " + e.getMessage(), e);
		}
		records.delete(id);
		events.publishEvent(new BackupEvents.BackupDeleted(Actor.current(), id, row.fileName()));
	}

	// ---- keys -------------------------------------------------------------------------------------------

	/** The backup keys Steward holds (ids, dates, which is active); never their material. */
	public List<BackupKeyView> keys() {
		requireAdmin();
		return keys.list().stream().map(BackupManagement::keyView).toList();
	}

	/**
	 * Makes a new key active for new backups; older keys stay so the backups they encrypted remain readable.
	 * Refused when the key comes from {@code STEWARD_BACKUP_KEY} (rotate it there, keeping the old value's id).
	 */
	@Transactional
	public BackupKeyView rotateKey() {
		requireAdmin();
		String previous = keys.list().stream().filter(BackupKeys.KeyInfo::active).map(BackupKeys.KeyInfo::id)
			.findFirst().orElse(null);
		BackupKey key;
		try {
			key = keys.rotate();
		}
		catch (IllegalStateException e) {
			throw new Conflict(String.valueOf(e.getMessage()));
		}
		events.publishEvent(new BackupEvents.BackupKeyRotated(Actor.current(), key.id(), previous));
		return keys.list().stream().filter(k -> k.id().equals(key.id())).findFirst().map(BackupManagement::keyView)
			.orElseThrow();
	}

	private static BackupKeyView keyView(BackupKeys.KeyInfo k) {
		return new BackupKeyView(k.id(), k.createdAt(), k.active(), k.fromEnvironment());
	}

	private static void requireAdmin() {
		if (!CurrentUser.require().isAdmin()) {
			throw new org.springframework.security.access.AccessDeniedException("Backup keys are for administrators");
		}
	}

	public List<String> storageTargets() {
		return stores.names();
	}

	// ---- housekeeping -----------------------------------------------------------------------------------

	/** Runs a previous process left behind are failed and their partial artefacts removed. */
	@EventListener(ApplicationReadyEvent.class)
	public void recoverInterruptedRuns() {
		List<BackupRow> interrupted = tx.execute(s -> records.failInProgress(
				"Steward stopped while this backup was running; the partial artefact was removed",
				OffsetDateTime.now(ZoneOffset.UTC)));
		for (BackupRow row : interrupted == null ? List.<BackupRow>of() : interrupted) {
			try {
				BackupStore store = stores.get(row.storageTarget());
				deleteQuietly(store, row.objectName());
				deleteQuietly(store, row.objectName() + ".manifest.json");
			}
			catch (RuntimeException e) {
				log.warn("Could not clean up interrupted backup {}: {}", row.id(), e.getMessage());
			}
		}
		for (BackupStore store : stores.all()) {
			try {
				int removed = store.cleanupPartials();
				if (removed > 0) {
					log.info("Removed {} partial backup upload(s) from {}", removed, store.name());
				}
			}
			catch (IOException e) {
				log.warn("Could not clean partial uploads in {}: {}", store.name(), e.getMessage());
			}
		}
	}

	private ScheduledFuture<?> deadline(ToolControl control) {
		return watchdog.schedule(() -> control.abort("Timed out after " + props.overallTimeout().toMinutes() + " min"),
				props.overallTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void publish(Object event) {
		tx.executeWithoutResult(s -> events.publishEvent(event));
	}

	private static void deleteQuietly(BackupStore store, String objectName) {
		try {
			store.delete(objectName);
		}
		catch (IOException | RuntimeException e) {
			log.warn("Could not delete {} from {}: {}", objectName, store.name(), e.getMessage());
		}
	}

	private <C extends dev.steward.engine.EngineCapability> C capability(ResolvedConnection c, Class<C> type) {
		return capability(c.engine().name(), type);
	}

	private <C extends dev.steward.engine.EngineCapability> C capability(String engine, Class<C> type) {
		try {
			return engines.capability(dev.steward.engine.EngineKind.valueOf(engine), type);
		}
		catch (CapabilityUnsupported e) {
			throw new InvalidInput("connectionId", e.getMessage());
		}
	}

	@Override
	public void destroy() {
		runs.values().forEach(r -> r.control.abort("Steward is shutting down"));
		inRequests.forEach(c -> c.abort("Steward is shutting down"));
		executor.shutdown();
		try {
			executor.awaitTermination(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		watchdog.shutdownNow();
	}

}

package dev.steward.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.backup.internal.ArtefactReader;
import dev.steward.backup.internal.BackupAccess;
import dev.steward.backup.internal.BackupCopies;
import dev.steward.backup.internal.BackupPipeline;
import dev.steward.backup.internal.BackupRecords;
import dev.steward.backup.internal.BackupRow;
import dev.steward.backup.internal.BackupStore;
import dev.steward.backup.internal.BackupStores;
import dev.steward.connection.ConnectionLookup;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.PageResult;

/** Backups as stored things: list, read, download and delete. */
@Service
public class BackupArtefacts {

	private final ConnectionLookup connections;

	private final BackupAccess access;

	private final BackupRecords records;

	private final BackupStores stores;

	private final ArtefactReader reader;

	private final ApplicationEventPublisher events;

	private final BackupCopies copies;

	BackupArtefacts(ConnectionLookup connections, BackupAccess access, BackupRecords records, BackupStores stores,
			ArtefactReader reader, ApplicationEventPublisher events, BackupCopies copies) {
		this.copies = copies;
		this.connections = connections;
		this.access = access;
		this.records = records;
		this.stores = stores;
		this.reader = reader;
		this.events = events;
	}

	public PageResult<BackupView> list(@Nullable UUID connectionId, int page, int size) {
		CurrentUser user = CurrentUser.require();
		if (connectionId != null) {
			connections.resolve(connectionId);
		}
		// admins also see backups of connections deleted since; everyone else what their connections allow
		PageResult<BackupRow> rows = records.page(user.isAdmin() ? null : connections.visibleIds(), connectionId, page,
				size);
		return PageResult.of(access.views(rows.items()), rows.page(), rows.size(), rows.totalElements());
	}

	public BackupView get(UUID id) {
		return access.view(access.visible(id), true);
	}

	/** The backup with no current user: for notifications and other work done as the system. */
	public java.util.Optional<BackupView> findAsSystem(UUID id) {
		return records.find(id).map(r -> access.view(r, false));
	}

	/** Keys of every storage target (configured names and managed ids). */
	public List<String> storageTargets() {
		return stores.names();
	}

	/** The canonical key of a target given by key or managed name; 400 on {@code field} when unknown. */
	public String storageTargetKey(String keyOrName, String field) {
		return stores.key(keyOrName, field);
	}

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
		BackupRow row = access.completed(id);
		InputStream stored = reader.open(row);
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
			if (e instanceof BackupCorrupted c) {
				throw new BackupCorrupted(c.reasonCode(), prefix + e.getMessage());
			}
			if (e instanceof IOException io) {
				throw new ArtefactUnavailable(id, row.artefact().storageTarget(), ArtefactUnavailable.Reason.UNREADABLE,
						String.valueOf(io.getMessage()));
			}
			throw (RuntimeException) e;
		}
		events.publishEvent(new BackupEvents.BackupDownloaded(Actor.current(), id, raw));
		return download;
	}

	private Download rawDownload(BackupRow row, InputStream stored) throws IOException {
		InputStream checked = BackupPipeline.stored(stored, row.artefact().encrypted(), reader.keys()::find,
				row.outcome().checksum());
		Long size = row.outcome().storedSize();
		return new Download(row.artefact().fileName(), size == null ? -1 : size, out -> {
			try (checked) {
				checked.transferTo(out);
			}
		});
	}

	private Download plainDownload(BackupRow row, InputStream stored) throws IOException {
		BackupPipeline.Reader plain = BackupPipeline.reader(stored, row.artefact().compression(),
				row.artefact().encrypted(), reader.keys()::find);
		// decrypts and decompresses the start, so a damaged first chunk is still a problem response
		byte[] first = plain.readNBytes(64 * 1024);
		String plainName = row.artefact().fileName().replaceFirst("\\.stwenc$", "").replaceFirst("\\.(zst|gz)$", "");
		Long size = row.outcome().rawSize();
		return new Download(plainName, size == null ? -1 : size, out -> {
			try (plain) {
				out.write(first);
				plain.transferTo(out);
				plain.verifyChecksum(row.outcome().checksum());
			}
		});
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ignored) {
			// the download is refused anyway; the original failure is what matters
		}
	}

	/** For schedules' retention: backups by id, whatever the current user, newest first. */
	public List<BackupView> findAsSystem(java.util.Collection<UUID> ids) {
		return access.views(records.findAll(ids));
	}

	/**
	 * For alert rules: when the connection's newest completed backup (with at least one good copy, on any target)
	 * was made; empty when it never had one.
	 */
	public java.util.Optional<java.time.OffsetDateTime> lastSuccessAsSystem(UUID connectionId) {
		return records.lastSuccess(connectionId);
	}

	/** For retention: the newest completed backup of a connection on a target, whoever made it. */
	public java.util.Optional<BackupView> newestCompletedAsSystem(UUID connectionId, String storageTarget) {
		return records.newestCompleted(connectionId, storageTarget).map(r -> access.view(r, false));
	}

	/**
	 * For retention per database: the newest completed backup of one database of a connection on a target, whoever
	 * made it ({@code database} null: the connection's own, which also counts backups recorded without a database).
	 */
	public java.util.Optional<BackupView> newestCompletedAsSystem(UUID connectionId, @org.jspecify.annotations.Nullable String database,
			@org.jspecify.annotations.Nullable String ownDatabase, String storageTarget) {
		return records.newestCompleted(connectionId, database, ownDatabase, storageTarget).map(r -> access.view(r, false));
	}

	/**
	 * For retention, acting as the system: deletes a finished backup's artefact, manifest and record; audited as
	 * {@code backup.delete} with {@code why} (the rule that let it go).
	 */
	@Transactional
	public void deleteAsSystem(UUID id, String why) {
		BackupRow row = records.find(id).orElseThrow(() -> new dev.steward.shared.NotFound("Backup", id));
		if (row.status() == BackupStatus.IN_PROGRESS) {
			throw new Conflict("The backup is still running");
		}
		deleteEverywhere(row);
		records.delete(id);
		events.publishEvent(new BackupEvents.BackupDeleted(Actor.system(), id, row.artefact().fileName() + " (" + why + ")"));
	}

	/**
	 * For retention on one target, acting as the system: deletes the backup's copy there; the backup itself (its
	 * record) goes only with its last copy. Audited as {@code backup.delete} naming the target and {@code why}.
	 */
	@Transactional
	public void deleteCopyAsSystem(UUID id, String targetKey, String why) {
		BackupRow row = records.find(id).orElseThrow(() -> new dev.steward.shared.NotFound("Backup", id));
		if (row.status() == BackupStatus.IN_PROGRESS) {
			throw new Conflict("The backup is still running");
		}
		List<BackupCopies.Copy> all = copies.of(id);
		if (all.stream().noneMatch(c -> c.targetKey().equals(targetKey))) {
			return;
		}
		deleteObjects(row, targetKey);
		copies.delete(id, targetKey);
		boolean last = all.stream().noneMatch(c -> !c.targetKey().equals(targetKey) && c.good());
		if (last) {
			all.stream().filter(c -> !c.targetKey().equals(targetKey)).forEach(c -> copies.delete(id, c.targetKey()));
			records.delete(id);
		}
		events.publishEvent(new BackupEvents.BackupDeleted(Actor.system(), id, row.artefact().fileName() + " on "
				+ stores.displayName(targetKey) + (last ? " (its last copy)" : "") + " (" + why + ")"));
	}

	/** Deletes the artefact and manifest on every target the backup was sent to. */
	private void deleteEverywhere(BackupRow row) {
		List<BackupCopies.Copy> all = copies.of(row.id());
		if (all.isEmpty()) {
			deleteObjects(row, row.artefact().storageTarget());
		}
		for (BackupCopies.Copy c : all) {
			deleteObjects(row, c.targetKey());
		}
	}

	private void deleteObjects(BackupRow row, String targetKey) {
		BackupStore store = stores.get(targetKey);
		try {
			store.delete(row.artefact().objectName());
			store.delete(row.artefact().manifestName());
		}
		catch (IOException e) {
			throw new RestoreFailed("Could not delete the backup artefact on " + stores.displayName(targetKey) + ": "
					+ e.getMessage(), e);
		}
	}

	@Transactional
	public void delete(UUID id, @Nullable String confirm) {
		BackupRow row = access.visible(id);
		if (row.status() == BackupStatus.IN_PROGRESS) {
			throw new Conflict("The backup is still running; cancel it first");
		}
		if (!row.artefact().fileName().equals(confirm)) {
			throw new Conflict("The confirmation does not repeat the backup's file name");
		}
		deleteEverywhere(row);
		records.delete(id);
		events.publishEvent(new BackupEvents.BackupDeleted(Actor.current(), id, row.artefact().fileName()));
	}
}

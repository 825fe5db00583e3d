package dev.steward.backup.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import dev.steward.backup.ArtefactUnavailable;
import dev.steward.backup.StorageFull;
import dev.steward.engine.ArchiveSource;

/** Opens stored artefacts and turns them back into checked plain dumps. */
@Component
public class ArtefactReader {

	private final BackupStores stores;

	private final BackupKeys keys;

	private final BackupCopies copies;

	ArtefactReader(BackupStores stores, BackupKeys keys, BackupCopies copies) {
		this.copies = copies;
		this.stores = stores;
		this.keys = keys;
	}

	public BackupKeys keys() {
		return keys;
	}

	/**
	 * The stored bytes from the first good copy that opens (the primary target's first); {@link ArtefactUnavailable}
	 * for the first copy's problem when none does.
	 */
	public InputStream open(BackupRow row) {
		List<String> targets = new ArrayList<>();
		targets.add(row.artefact().storageTarget());
		List<BackupCopies.Copy> all = copies.of(row.id());
		if (!all.isEmpty()) {
			targets.clear();
			all.stream().filter(BackupCopies.Copy::good).map(BackupCopies.Copy::targetKey)
				.sorted(java.util.Comparator.comparing(k -> !k.equals(row.artefact().storageTarget())))
				.forEach(targets::add);
			if (targets.isEmpty()) {
				throw new ArtefactUnavailable(row.id(), row.artefact().storageTarget(), ArtefactUnavailable.Reason.MISSING,
						"no copy of the backup was stored on any target");
			}
		}
		ArtefactUnavailable first = null;
		for (String key : targets) {
			try {
				return open(row, key);
			}
			catch (ArtefactUnavailable e) {
				first = first == null ? e : first;
			}
		}
		throw first;
	}

	private InputStream open(BackupRow row, String key) {
		BackupStore store;
		try {
			store = stores.get(key);
		}
		catch (RuntimeException e) {
			throw new ArtefactUnavailable(row.id(), key, ArtefactUnavailable.Reason.UNREADABLE,
					"the storage target is no longer available: " + e.getMessage());
		}
		try {
			return store.open(row.artefact().objectName());
		}
		catch (NoSuchFileException e) {
			throw new ArtefactUnavailable(row.id(), stores.displayName(key), ArtefactUnavailable.Reason.MISSING,
					store.describeMissing(row.artefact().objectName()));
		}
		catch (IOException | RuntimeException e) {
			throw new ArtefactUnavailable(row.id(), stores.displayName(key), ArtefactUnavailable.Reason.UNREADABLE,
					String.valueOf(e.getMessage()));
		}
	}

	public BackupPipeline.Reader reader(BackupRow row) throws IOException {
		InputStream stored = open(row);
		try {
			return BackupPipeline.reader(stored, row.artefact().compression(), row.artefact().encrypted(), keys::find);
		}
		catch (IOException | RuntimeException e) {
			stored.close();
			throw e;
		}
	}

	/**
	 * A source whose every stream counts the plain bytes read into {@code read} (reset on each open) and, when
	 * closed, reads to the end and checks the stored bytes' checksum.
	 */
	public ArchiveSource checkedSource(BackupRow row, AtomicLong read) {
		return () -> {
			BackupPipeline.Reader reader = reader(row);
			read.set(0);
			return new FilterInputStream(new CountingInputStream(reader, read)) {
				@Override
				public void close() throws IOException {
					try {
						reader.verifyChecksum(row.outcome().checksum());
					}
					finally {
						reader.close();
					}
				}
			};
		};
	}

	/** Copies the checked plain dump into a private temp file; a damaged backup fails here, before any change. */
	public Path stage(ArchiveSource source) throws IOException {
		Path work = stores.workDir();
		Files.createDirectories(work);
		Path file = Files.createTempFile(work, "restore-", ".dump",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
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
			if (e instanceof IOException io) {
				throw StorageFull.classify(work, io);
			}
			throw e;
		}
		return file;
	}
}

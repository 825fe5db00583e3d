package dev.steward.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.stereotype.Service;

import dev.steward.backup.internal.BackupPipeline;
import dev.steward.backup.internal.BackupStore;
import dev.steward.backup.internal.BackupStores;
import dev.steward.backup.internal.BackupKeys;

/**
 * The backup pipeline for artefacts other modules keep records of (physical base backups, WAL segments): zstd,
 * chunked AES-GCM with the active backup key, SHA-256 of the stored bytes, into a storage target, committed only
 * when complete; and read back decrypted with the checksum checked. Object names are the caller's own, generated
 * (never client text); the store confines them to the target.
 */
@Service
public class SealedObjects {

	/** What was stored: where, its stored-bytes SHA-256 and sizes. */
	public record Sealed(String storageTarget, String objectName, String checksum, long rawSize, long storedSize) {
	}

	private final BackupStores stores;

	private final BackupKeys keys;

	SealedObjects(BackupStores stores, BackupKeys keys) {
		this.stores = stores;
		this.keys = keys;
	}

	/** The canonical key of a target given by key or name; 400 on {@code field} when unknown. */
	public String targetKey(String keyOrName, String field) {
		return stores.key(keyOrName, field);
	}

	/** Reads {@code plain} to its end into a new object; nothing stays behind when it fails. */
	public Sealed write(String targetKey, String objectName, InputStream plain) throws IOException {
		BackupStore store = stores.get(targetKey);
		BackupStore.Upload upload = store.create(objectName, 0);
		BackupPipeline.Writer writer = null;
		try {
			writer = BackupPipeline.writer(upload.stream(), Compression.ZSTD, Compression.ZSTD.defaultLevel(),
					keys.active());
			plain.transferTo(writer.input());
			String checksum = writer.finish();
			upload.commit();
			return new Sealed(targetKey, objectName, checksum, writer.rawBytes().get(), writer.storedBytes().get());
		}
		catch (IOException | RuntimeException e) {
			if (writer != null) {
				writer.abandon();
			}
			upload.abort();
			throw e;
		}
	}

	/**
	 * The plain bytes of an object; reading it to its end checks the stored bytes' SHA-256 against {@code checksum}
	 * and throws {@link BackupCorrupted} when they differ (a tampered or damaged object).
	 */
	public InputStream open(String targetKey, String objectName, String checksum) throws IOException {
		InputStream stored = stores.get(targetKey).open(objectName);
		BackupPipeline.Reader reader = BackupPipeline.reader(stored, Compression.ZSTD, true, keys::find);
		return new FilterInputStream(reader) {

			private boolean verified;

			@Override
			public int read() throws IOException {
				int b = super.read();
				return b < 0 ? end() : b;
			}

			@Override
			public int read(byte[] buf, int off, int len) throws IOException {
				int n = super.read(buf, off, len);
				return n < 0 ? end() : n;
			}

			private int end() throws IOException {
				if (!verified) {
					verified = true;
					reader.verifyChecksum(checksum);
				}
				return -1;
			}
		};
	}

	public boolean exists(String targetKey, String objectName) throws IOException {
		return stores.get(targetKey).exists(objectName);
	}

	public void delete(String targetKey, String objectName) throws IOException {
		stores.get(targetKey).delete(objectName);
	}
}

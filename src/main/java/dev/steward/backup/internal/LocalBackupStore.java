package dev.steward.backup.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.steward.backup.StorageFull;

/**
 * A directory on the Steward host. Names are confined to the root; an upload writes
 * {@code .<name>.partial-<random>} beside its target, fsyncs, renames atomically and fsyncs the directory.
 */
public final class LocalBackupStore implements BackupStore {

	private static final Logger log = LoggerFactory.getLogger(LocalBackupStore.class);

	static final String PARTIAL_MARK = ".partial-";

	private final Path root;

	private final String name;

	public LocalBackupStore(Path root) throws IOException {
		this("local", root);
	}

	/** {@code name}: the target's key as backups record it ({@code local}, or a managed target's id). */
	public LocalBackupStore(String name, Path root) throws IOException {
		this.name = name;
		this.root = root.toAbsolutePath().normalize();
		Files.createDirectories(this.root);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public String location(String objectName) {
		return resolve(objectName).toString();
	}

	public Path root() {
		return root;
	}

	Path resolve(String objectName) {
		Path p = root.resolve(objectName).normalize();
		if (!p.startsWith(root) || p.equals(root) || objectName.contains("\\")
				|| p.getFileName().toString().startsWith(".")) {
			throw new IllegalArgumentException("backup object name escapes the backup directory: " + objectName);
		}
		return p;
	}

	@Override
	public Upload create(String objectName, long expectedSize) throws IOException {
		Path target = resolve(objectName);
		Files.createDirectories(target.getParent());
		Path temp = target.resolveSibling("." + target.getFileName() + PARTIAL_MARK + UUID.randomUUID());
		FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024) {
			@Override
			public synchronized void write(byte[] b, int off, int len) throws IOException {
				try {
					super.write(b, off, len);
				}
				catch (IOException e) {
					throw StorageFull.classify(root, e);
				}
			}

			@Override
			public synchronized void write(int b) throws IOException {
				try {
					super.write(b);
				}
				catch (IOException e) {
					throw StorageFull.classify(root, e);
				}
			}

			@Override
			public synchronized void flush() throws IOException {
				try {
					super.flush();
				}
				catch (IOException e) {
					throw StorageFull.classify(root, e);
				}
			}

			@Override
			public void close() throws IOException {
				flush();
			}
		};
		return new Upload() {
			private boolean done;

			@Override
			public OutputStream stream() {
				return stream;
			}

			@Override
			public void commit() throws IOException {
				try {
					stream.flush();
					try {
						channel.force(true);
					}
					catch (IOException e) {
						throw StorageFull.classify(root, e);
					}
					channel.close();
					try {
						Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
					}
					catch (AtomicMoveNotSupportedException e) {
						Files.move(temp, target);
					}
					fsyncDirectory(target.getParent());
					done = true;
				}
				finally {
					if (!done) {
						abort();
					}
				}
			}

			@Override
			public void abort() {
				try {
					channel.close();
				}
				catch (IOException ignored) {
					// closing a broken file: deleting it below is what matters
				}
				try {
					Files.deleteIfExists(temp);
				}
				catch (IOException e) {
					log.warn("Could not remove partial backup file {}: {}", temp, e.getMessage());
				}
			}
		};
	}

	@Override
	public InputStream open(String objectName) throws IOException {
		return Files.newInputStream(resolve(objectName));
	}

	@Override
	public String describeMissing(String objectName) {
		Path file = resolve(objectName);
		return Files.isDirectory(file.getParent()) ? "file " + file + " does not exist"
				: "file " + file + " does not exist, nor does its folder " + file.getParent();
	}

	@Override
	public boolean exists(String objectName) {
		return Files.isRegularFile(resolve(objectName));
	}

	@Override
	public void delete(String objectName) throws IOException {
		Path p = resolve(objectName);
		Files.deleteIfExists(p);
		fsyncDirectory(p.getParent());
	}

	@Override
	public int cleanupPartials() throws IOException {
		int removed = 0;
		try (Stream<Path> files = Files.walk(root, 3)) {
			for (Path p : files.filter(f -> f.getFileName().toString().startsWith(".")
					&& f.getFileName().toString().contains(PARTIAL_MARK)).toList()) {
				Files.deleteIfExists(p);
				removed++;
			}
		}
		return removed;
	}

	private static void fsyncDirectory(Path dir) {
		try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
			c.force(true);
		}
		catch (IOException e) {
			// some file systems cannot fsync a directory; the file itself is already durable
		}
	}
}

package dev.steward.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The chain's head, anchored outside the store: {@code <dataDir>/audit/head.log} (0600), one line
 * {@code <seq> <hash> <keyedFrom> <hmac>} appended and fsynced after every committed record. The HMAC (under the
 * audit key) covers the other three fields, so the file cannot be forged without the key. Deleting the newest
 * records and rewinding {@code audit_chain_head} in the store leaves this file ahead of the store, which
 * {@link AuditLog#verify()} reports; {@code keyedFrom} (the first record sealed with the key) lets verify
 * refuse records downgraded to the unkeyed SHA-256 form.
 * <p>
 * The file belongs to the instance whose data directory holds it: with several Steward instances on one
 * PostgreSQL store, each anchors the records it wrote and verifies the store against its own anchor (records
 * written by the others are covered through the chain links, since every instance shares the audit key).
 * A signed checkpoint row inside the store would not do: whoever rewinds the store rewinds the checkpoint too.
 * <p>
 * Only the newest anchor matters, so the file is compacted to its newest line once it passes
 * {@link #COMPACT_BYTES} (1 MiB); verify reads only its tail. A line torn by a crash (no newline yet) is ignored.
 */
final class HeadAnchor {

	record Anchor(long seq, String hash, long keyedFrom) {
	}

	/**
	 * What the file's tail says: the newest authentic anchor, if any; the first line that is not authentic; and a
	 * sequence number anchored twice with different hashes (the store was rewound and the chain written again).
	 */
	record Reading(@Nullable Anchor latest, @Nullable String forgedLine, @Nullable Long rewrittenSeq) {
	}

	static final long COMPACT_BYTES = 1 << 20;

	/** Bytes read from the end of the file; lines are ~200 bytes, so this holds hundreds of recent anchors. */
	private static final int TAIL_BYTES = 64 * 1024;

	private static final Pattern LINE = Pattern.compile("^(\\d{1,19}) ([0-9a-f]{64}) (\\d{1,19}) ([0-9a-f]{64})$");

	private static final String LABEL = "steward-audit-anchor-v1";

	private final Path file;

	private final AuditKey key;

	private final long compactBytes;

	HeadAnchor(Path file, AuditKey key) {
		this(file, key, COMPACT_BYTES);
	}

	HeadAnchor(Path file, AuditKey key, long compactBytes) {
		this.file = file;
		this.key = key;
		this.compactBytes = compactBytes;
	}

	Path file() {
		return file;
	}

	synchronized void append(long seq, String hash, long keyedFrom) {
		String line = seq + " " + hash + " " + keyedFrom + " " + seal(seq, hash, keyedFrom) + "\n";
		try {
			Path dir = file.getParent();
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir, privateAttributes("rwx------"));
			}
			try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND), privateAttributes("rw-------"))) {
				ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(false);
			}
			if (Files.size(file) > compactBytes) {
				compact();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not anchor the audit chain head in " + file, e);
		}
	}

	/** The newest authentic anchor in the file's tail (by sequence number: concurrent appends may land out of order). */
	synchronized Reading read() {
		if (!Files.isRegularFile(file)) {
			return new Reading(null, null, null);
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			long start = Math.max(0, size - TAIL_BYTES);
			ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
			while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
				// read the tail fully
			}
			String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
			List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
			lines.removeLast(); // after the last newline: empty, or a line torn by a crash
			if (start > 0 && !lines.isEmpty()) {
				lines.removeFirst(); // probably cut by the tail window
			}
			Anchor latest = null;
			Map<Long, String> seen = new HashMap<>();
			for (String line : lines) {
				Anchor anchor = parse(line);
				if (anchor == null) {
					return new Reading(latest, line, null);
				}
				String before = seen.putIfAbsent(anchor.seq(), anchor.hash());
				if (before != null && !before.equals(anchor.hash())) {
					return new Reading(latest, null, anchor.seq());
				}
				if (latest == null || anchor.seq() > latest.seq()) {
					latest = anchor;
				}
			}
			return new Reading(latest, null, null);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the audit head anchor " + file, e);
		}
	}

	private @Nullable Anchor parse(String line) {
		var m = LINE.matcher(line);
		if (!m.matches()) {
			return null;
		}
		long seq;
		long keyedFrom;
		try {
			seq = Long.parseLong(m.group(1));
			keyedFrom = Long.parseLong(m.group(3));
		}
		catch (NumberFormatException e) {
			return null;
		}
		String hash = m.group(2);
		return AuditKey.same(seal(seq, hash, keyedFrom), m.group(4)) ? new Anchor(seq, hash, keyedFrom) : null;
	}

	private String seal(long seq, String hash, long keyedFrom) {
		return key.hmacHex(LABEL + "|" + seq + "|" + hash + "|" + keyedFrom);
	}

	/** Replaces the file by its newest anchor: temp file, fsync, atomic rename. */
	private void compact() throws IOException {
		Anchor latest = read().latest();
		if (latest == null) {
			return;
		}
		String line = latest.seq() + " " + latest.hash() + " " + latest.keyedFrom() + " "
				+ seal(latest.seq(), latest.hash(), latest.keyedFrom()) + "\n";
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temp);
		try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				privateAttributes("rw-------"))) {
			channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
			channel.force(true);
		}
		try {
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static FileAttribute<?>[] privateAttributes(String permissions) {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}
}

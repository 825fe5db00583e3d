package dev.steward.audit.internal;

import java.io.BufferedReader;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.audit.internal.AuditLog.AuditRecord;
import dev.steward.audit.internal.AuditLog.Verification;
import dev.steward.shared.AuditEntry.Outcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The archive directory ({@code <dataDir>/audit-archive}, 0700) and its segment files (0600): one JSON object per
 * record, every field the hash covers plus the hash itself, then one trailer line {@code {"segment":{...}}} with the
 * range, the last record's hash, the SHA-256 of the record lines and the segment's seal. Written to a temporary
 * file, fsynced and renamed, so a segment file is either whole or absent.
 */
final class SegmentFiles {

	/** Bytes of one line at most when reading: a record is a few hundred bytes; anything longer is not ours. */
	private static final int MAX_LINE = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path dir;

	SegmentFiles(Path dir) {
		this.dir = dir.toAbsolutePath().normalize();
	}

	Path dir() {
		return dir;
	}

	Path file(String fileName) {
		Path file = dir.resolve(fileName).normalize();
		if (!file.getParent().equals(dir)) {
			throw new IllegalArgumentException("Not an archive segment name: " + fileName);
		}
		return file;
	}

	boolean holds(Segment segment) {
		return Files.isRegularFile(file(segment.fileName()));
	}

	/** The SHA-256 of the record lines, as {@link #write} lays them out. */
	static String contentSha256(List<AuditRecord> rows) {
		MessageDigest digest = sha256();
		for (AuditRecord row : rows) {
			digest.update(line(row).getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Writes the segment's file: temporary file, fsync, atomic rename, then the directory fsynced. */
	void write(Segment segment, List<AuditRecord> rows) {
		Path file = file(segment.fileName());
		Path temp = dir.resolve("." + segment.fileName() + ".tmp");
		try {
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir, attributes("rwx------"));
			}
			Files.deleteIfExists(temp);
			try (FileChannel channel = FileChannel.open(temp,
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes("rw-------"))) {
				StringBuilder text = new StringBuilder(rows.size() * 300);
				for (AuditRecord row : rows) {
					text.append(line(row));
				}
				text.append(trailer(segment));
				ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
			syncDirectory();
		}
		catch (IOException e) {
			deleteQuietly(temp);
			throw new UncheckedIOException("Could not write the audit archive segment " + file, e);
		}
	}

	/** Removes a segment file whose store transaction rolled back. */
	void discard(Segment segment) {
		deleteQuietly(file(segment.fileName()));
	}

	/**
	 * Re-reads a segment file through the walk: every record must chain on from where the walk stands, the trailer
	 * must repeat the store's segment row, and the record lines must still hash to what was sealed.
	 */
	@Nullable Verification check(Segment segment, ChainWalk walk) {
		String where = " in archive segment " + segment.fileName();
		MessageDigest digest = sha256();
		JsonNode trailer = null;
		long lineNo = 0;
		try (BufferedReader reader = Files.newBufferedReader(file(segment.fileName()), StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				lineNo++;
				if (trailer != null || line.length() > MAX_LINE) {
					return Verification.broken(walk.checked, walk.lastSeq + 1, "archive segment altered" + where
							+ ": unexpected content at line " + lineNo);
				}
				JsonNode node = JSON.readTree(line);
				if (node.has("segment")) {
					trailer = node.get("segment");
					continue;
				}
				digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
				Verification broken = walk.step(record(node), where);
				if (broken != null) {
					return broken;
				}
			}
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
			return Verification.broken(walk.checked, walk.lastSeq + 1,
					"archive segment altered" + where + ": line " + lineNo + " is not a record");
		}
		catch (IOException e) {
			return Verification.broken(walk.checked, walk.lastSeq + 1,
					"archive segment unreadable" + where + ": " + e.getMessage());
		}
		String sha = HexFormat.of().formatHex(digest.digest());
		if (trailer == null || !sha.equals(segment.contentSha256()) || walk.lastSeq != segment.lastSeq()
				|| !walk.prevHash.equals(segment.lastHash())
				|| !segment.seal().equals(trailer.path("seal").asString(""))) {
			return Verification.broken(walk.checked, walk.lastSeq, "archive segment altered" + where
					+ ": its records or trailer no longer match the sealed segment (records "
					+ segment.firstSeq() + " to " + segment.lastSeq() + ")");
		}
		return null;
	}

	private static String line(AuditRecord r) {
		ObjectNode node = JSON.createObjectNode();
		node.put("seq", r.seq());
		node.put("occurredAt", r.occurredAt().toString());
		node.put("actor", r.actor());
		node.put("sourceIp", r.sourceIp());
		node.put("action", r.action());
		node.put("targetType", r.targetType());
		node.put("targetId", r.targetId());
		node.put("outcome", r.outcome().name());
		node.put("detail", r.detail());
		node.put("prevHash", r.prevHash());
		node.put("hash", r.hash());
		node.put("chainVersion", r.chainVersion());
		return JSON.writeValueAsString(node) + "\n";
	}

	private static String trailer(Segment s) {
		ObjectNode segment = JSON.createObjectNode();
		segment.put("firstSeq", s.firstSeq());
		segment.put("lastSeq", s.lastSeq());
		segment.put("rows", s.rows());
		segment.put("lastHash", s.lastHash());
		segment.put("contentSha256", s.contentSha256());
		segment.put("sealedAt", s.sealedAt().toString());
		segment.put("seal", s.seal());
		ObjectNode root = JSON.createObjectNode();
		root.set("segment", segment);
		return JSON.writeValueAsString(root) + "\n";
	}

	private static AuditRecord record(JsonNode n) {
		return new AuditRecord(n.get("seq").asLong(), Instant.parse(n.get("occurredAt").asString()),
				n.get("actor").asString(), text(n, "sourceIp"), n.get("action").asString(), n.get("targetType").asString(),
				text(n, "targetId"), Outcome.valueOf(n.get("outcome").asString()), text(n, "detail"),
				n.get("prevHash").asString(), n.get("hash").asString(), n.get("chainVersion").asInt());
	}

	private static @Nullable String text(JsonNode n, String field) {
		JsonNode value = n.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	private void syncDirectory() {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException e) {
			// not every file system lets a directory be opened; the rename itself is atomic
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException e) {
			// best effort: a stray file is never mistaken for a segment the store does not name
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JRE", e);
		}
	}

	private static FileAttribute<?>[] attributes(String permissions) {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}
}

package dev.steward.recovery.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.steward.backup.SealedObjects;
import dev.steward.engine.PhysicalBackupCapability;

/**
 * Moves completed WAL files from the receiver's staging directory into storage: each sealed (compressed, encrypted,
 * checksummed), recorded, then deleted here. Partial segments stay for the receiver to resume; a file already
 * recorded (a crash between record and delete) is only deleted.
 */
final class WalSweeper {

	private final RecoveryRecords records;

	private final SealedObjects sealed;

	WalSweeper(RecoveryRecords records, SealedObjects sealed) {
		this.records = records;
		this.sealed = sealed;
	}

	/** Answers how many files were archived. */
	int sweep(UUID connectionId, Path incoming, PhysicalBackupCapability engine, RecoveryRecords.Archive archive)
			throws IOException {
		List<Path> done = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
			for (Path f : files) {
				String name = f.getFileName().toString();
				if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
						&& (engine.walSequence(name, archive.segmentSize()) >= 0 || engine.isHistoryFile(name))) {
					done.add(f);
				}
			}
		}
		done.sort(null);
		int archived = 0;
		for (Path f : done) {
			String name = f.getFileName().toString();
			if (!records.hasWalFile(connectionId, name)) {
				long seq = engine.walSequence(name, archive.segmentSize());
				String object = "recovery/" + connectionId + "/wal/" + name + ".zst.stwenc";
				var completedAt = Files.getLastModifiedTime(f).toInstant().atOffset(ZoneOffset.UTC);
				SealedObjects.Sealed s;
				try (InputStream in = Files.newInputStream(f)) {
					s = sealed.write(archive.storageTarget(), object, in);
				}
				records.insertWalFile(connectionId, new RecoveryRecords.WalFile(name, seq, object, s.checksum(),
						s.storedSize(), completedAt), s.rawSize());
				archived++;
			}
			Files.delete(f);
		}
		return archived;
	}
}

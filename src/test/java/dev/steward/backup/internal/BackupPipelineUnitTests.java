package dev.steward.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.steward.backup.BackupCorrupted;
import dev.steward.backup.Compression;

class BackupPipelineUnitTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(Compression.class)
	void roundTripsWithAndWithoutEncryption(Compression compression) throws Exception {
		byte[] dump = ("CREATE TABLE t (id int);\n" + "INSERT INTO t VALUES (1);\n".repeat(50_000))
			.getBytes(StandardCharsets.UTF_8);
		BackupKeys keys = new BackupKeys(dir.resolve("keys"), null, null);
		for (BackupKey key : new BackupKey[] { keys.active(), null }) {
			ByteArrayOutputStream store = new ByteArrayOutputStream();
			BackupPipeline.Writer w = BackupPipeline.writer(store, compression, Compressors.defaultLevel(compression), key);
			w.input().write(dump);
			String sha = w.finish();
			assertThat(w.rawBytes().get()).isEqualTo(dump.length);
			assertThat(w.storedBytes().get()).isEqualTo(store.size());
			assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(store.toByteArray())));
			if (compression != Compression.NONE) {
				assertThat(store.size()).isLessThan(dump.length / 10);
			}
			try (BackupPipeline.Reader r = BackupPipeline.reader(new ByteArrayInputStream(store.toByteArray()), compression,
					key != null, keys::find)) {
				assertThat(r.readAllBytes()).isEqualTo(dump);
				r.verifyChecksum(sha);
			}
		}
	}

	@Test
	void aRawReadChecksTheHeaderFirstAndHoldsBackTheLastBlockUntilTheChecksumMatches() throws Exception {
		BackupKeys keys = new BackupKeys(dir.resolve("keys"), null, null);
		byte[] dump = new byte[300_000];
		new java.util.Random(7).nextBytes(dump);
		ByteArrayOutputStream store = new ByteArrayOutputStream();
		BackupPipeline.Writer w = BackupPipeline.writer(store, Compression.NONE, 0, keys.active());
		w.input().write(dump);
		String sha = w.finish();
		byte[] stored = store.toByteArray();

		try (var in = BackupPipeline.stored(new ByteArrayInputStream(stored), true, keys::find, sha)) {
			assertThat(in.readAllBytes()).isEqualTo(stored);
		}

		byte[] lastByte = stored.clone();
		lastByte[lastByte.length - 1] ^= 1;
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		assertThatThrownBy(() -> {
			try (var in = BackupPipeline.stored(new ByteArrayInputStream(lastByte), true, keys::find, sha)) {
				in.transferTo(received);
			}
		}).isInstanceOf(BackupCorrupted.class).hasMessageContaining("checksum does not match");
		assertThat(received.size()).as("the last block is never handed out").isLessThan(stored.length);

		byte[] marker = stored.clone();
		marker[0] ^= 1;
		assertThatThrownBy(() -> BackupPipeline.stored(new ByteArrayInputStream(marker), true, keys::find, sha))
			.isInstanceOf(BackupCorrupted.class).hasMessageContaining("marker");
		assertThatThrownBy(() -> BackupPipeline.stored(new ByteArrayInputStream(stored), true, id -> null, sha))
			.isInstanceOf(dev.steward.backup.WrongKey.class).hasMessageContaining("does not have");
	}

	@Test
	void aChecksumMismatchIsReported() throws Exception {
		ByteArrayOutputStream store = new ByteArrayOutputStream();
		BackupPipeline.Writer w = BackupPipeline.writer(store, Compression.NONE, 0, null);
		w.input().write("hello".getBytes(StandardCharsets.UTF_8));
		w.finish();
		byte[] stored = store.toByteArray();
		stored[0] = 'j';
		try (BackupPipeline.Reader r = BackupPipeline.reader(new ByteArrayInputStream(stored), Compression.NONE, false, id -> null)) {
			r.readAllBytes();
			assertThatThrownBy(() -> r.verifyChecksum("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"))
				.isInstanceOf(BackupCorrupted.class).hasMessageContaining("checksum does not match");
		}
	}

	@Test
	void aTruncatedUnencryptedZstdStreamIsCorrupt() throws Exception {
		ByteArrayOutputStream store = new ByteArrayOutputStream();
		BackupPipeline.Writer w = BackupPipeline.writer(store, Compression.ZSTD, 3, null);
		byte[] data = new byte[1_000_000];
		new java.util.Random(1).nextBytes(data);
		w.input().write(data);
		w.finish();
		byte[] cut = java.util.Arrays.copyOf(store.toByteArray(), store.size() / 2);
		assertThatThrownBy(() -> {
			try (BackupPipeline.Reader r = BackupPipeline.reader(new ByteArrayInputStream(cut), Compression.ZSTD, false, id -> null)) {
				r.readAllBytes();
			}
		}).isInstanceOf(BackupCorrupted.class);
	}

	@Test
	void keysAreFilesWithOwnerOnlyPermissionsAndRotationKeepsOldOnesReadable() throws Exception {
		BackupKeys keys = new BackupKeys(dir.resolve("keys"), null, null);
		BackupKey first = keys.active();
		Path file = dir.resolve("keys/backup-" + first.id() + ".key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		BackupKey second = keys.rotate();
		assertThat(second.id()).isNotEqualTo(first.id());
		BackupKeys reopened = new BackupKeys(dir.resolve("keys"), null, null);
		assertThat(reopened.active().id()).isEqualTo(second.id());
		assertThat(reopened.find(first.id()).secret()).isEqualTo(first.secret());
		assertThat(reopened.find("../../etc/passwd")).isNull();
	}

	@Test
	void anEnvironmentKeyIsActiveAndCannotBeRotatedHere() {
		String secret = java.util.Base64.getEncoder().encodeToString(new byte[32]);
		BackupKeys keys = new BackupKeys(dir.resolve("keys"), secret, "prod-1");
		assertThat(keys.active().id()).isEqualTo("prod-1");
		assertThatThrownBy(keys::rotate).hasMessageContaining("STEWARD_BACKUP_KEY");
		assertThatThrownBy(() -> new BackupKeys(dir, "c2hvcnQ=", null)).hasMessageContaining("at least 32 bytes");
	}

	@Test
	void localStoreIsConfinedAndLeavesNothingOnAbort() throws Exception {
		LocalBackupStore store = new LocalBackupStore(dir.resolve("backups"));
		assertThatThrownBy(() -> store.create("../escape.bin", 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store.open("a/../../x")).isInstanceOf(IllegalArgumentException.class);
		BackupStore.Upload upload = store.create("c1/one.bin", 0);
		upload.stream().write(new byte[1000]);
		upload.abort();
		assertThat(Files.list(dir.resolve("backups/c1"))).isEmpty();
		BackupStore.Upload ok = store.create("c1/two.bin", 0);
		ok.stream().write(new byte[] { 1, 2, 3 });
		assertThat(store.exists("c1/two.bin")).isFalse();
		ok.commit();
		assertThat(Files.readAllBytes(dir.resolve("backups/c1/two.bin"))).containsExactly(1, 2, 3);
		assertThat(Files.list(dir.resolve("backups/c1")).map(p -> p.getFileName().toString())).containsExactly("two.bin");
	}

	@Test
	void partSizeKeepsLargeDumpsUnderTheS3PartLimit() {
		assertThat(S3BackupStore.partSize(0)).isEqualTo(8L << 20);
		long tb = 1L << 40;
		long part = S3BackupStore.partSize(tb);
		assertThat(tb * 3 / 2 / part).isLessThan(10_000);
		assertThat(part % (1 << 20)).isZero();
	}
}

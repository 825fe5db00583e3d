package dev.steward.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.steward.backup.BackupCorrupted;
import dev.steward.backup.WrongKey;

class EncryptedChunkFormatUnitTests {

	static final int LOG2 = 10; // 1 KiB chunks keep the tests small

	static final int CHUNK = 1 << LOG2;

	final BackupKey key = new BackupKey("k1", bytes(32, 1));

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * CHUNK + 17 })
	void roundTripsEverySizeAroundChunkBoundaries(int size) throws IOException {
		byte[] plain = bytes(size, size);
		byte[] sealed = encrypt(plain, key);
		assertThat((long) sealed.length).isEqualTo(EncryptedChunkFormat.storedSize(size, 2, LOG2));
		assertThat(decrypt(sealed)).isEqualTo(plain);
	}

	@Test
	void sameInputEncryptsDifferentlyEachTime() throws IOException {
		byte[] plain = bytes(5000, 3);
		assertThat(encrypt(plain, key)).isNotEqualTo(encrypt(plain, key));
	}

	@Test
	void defaultChunkSizeIsOneMebibyteAndWritesInOddPiecesWork() throws IOException {
		byte[] plain = bytes(3 * 1024 * 1024 + 5, 9);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream enc = EncryptedChunkFormat.encrypt(out, key)) {
			for (int i = 0; i < plain.length;) {
				int n = Math.min(7777, plain.length - i);
				enc.write(plain, i, n);
				i += n;
			}
		}
		assertThat(out.size()).isEqualTo((int) EncryptedChunkFormat.storedSize(plain.length, 2, 20));
		try (InputStream in = EncryptedChunkFormat.decrypt(new ByteArrayInputStream(out.toByteArray()), id -> key)) {
			assertThat(in.readAllBytes()).isEqualTo(plain);
		}
	}

	@Test
	void aFlippedBitAnywhereInTheBodyIsRejected() throws IOException {
		byte[] sealed = encrypt(bytes(4 * CHUNK, 5), key);
		int header = headerLength();
		for (int pos : new int[] { header, header + CHUNK + 3, sealed.length - 1 }) {
			byte[] damaged = sealed.clone();
			damaged[pos] ^= 0x10;
			assertThatThrownBy(() -> decrypt(damaged)).isInstanceOf(BackupCorrupted.class)
				.hasMessageContaining("failed authentication");
		}
	}

	@Test
	void aFlippedBitInTheHeaderIsRejectedBeforeAnyChunk() throws IOException {
		byte[] sealed = encrypt(bytes(100, 5), key);
		byte[] damaged = sealed.clone();
		damaged[20] ^= 1; // inside the salt
		assertThatThrownBy(() -> decrypt(damaged)).isInstanceOf(WrongKey.class).hasMessageContaining("header is damaged");
		byte[] notOurs = sealed.clone();
		notOurs[0] = 'X';
		assertThatThrownBy(() -> decrypt(notOurs)).isInstanceOf(BackupCorrupted.class)
			.hasMessageContaining("Not a Steward encrypted backup");
	}

	@Test
	void reorderedChunksAreRejected() throws IOException {
		byte[] sealed = encrypt(bytes(3 * CHUNK + 10, 6), key);
		int h = headerLength();
		int c = CHUNK + 16;
		byte[] swapped = sealed.clone();
		System.arraycopy(sealed, h, swapped, h + c, c);
		System.arraycopy(sealed, h + c, swapped, h, c);
		assertThatThrownBy(() -> decrypt(swapped)).isInstanceOf(BackupCorrupted.class)
			.hasMessageContaining("chunk 0");
	}

	@Test
	void droppingTheFinalChunkIsNoticed() throws IOException {
		byte[] sealed = encrypt(bytes(3 * CHUNK + 10, 7), key);
		byte[] cut = Arrays.copyOf(sealed, headerLength() + 3 * (CHUNK + 16));
		assertThatThrownBy(() -> decrypt(cut)).isInstanceOf(BackupCorrupted.class)
			.hasMessageContaining("final chunk is missing");
	}

	@Test
	void droppingAFinalFullSizeChunkIsNoticedToo() throws IOException {
		byte[] sealed = encrypt(bytes(3 * CHUNK, 7), key);
		byte[] cut = Arrays.copyOf(sealed, headerLength() + 2 * (CHUNK + 16));
		assertThatThrownBy(() -> decrypt(cut)).isInstanceOf(BackupCorrupted.class)
			.hasMessageContaining("final chunk is missing");
	}

	@Test
	void aFileCutMidChunkOrInsideTheHeaderIsRejected() throws IOException {
		byte[] sealed = encrypt(bytes(3 * CHUNK + 10, 8), key);
		assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, sealed.length - 5))).isInstanceOf(BackupCorrupted.class);
		assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, headerLength() + CHUNK + 100)))
			.isInstanceOf(BackupCorrupted.class);
		assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, 12))).isInstanceOf(BackupCorrupted.class)
			.hasMessageContaining("header");
	}

	@Test
	void appendedDataIsRejected() throws IOException {
		byte[] sealed = encrypt(bytes(2 * CHUNK, 8), key);
		byte[] longer = Arrays.copyOf(sealed, sealed.length + 40);
		assertThatThrownBy(() -> decrypt(longer)).isInstanceOf(BackupCorrupted.class);
	}

	@Test
	void aWrongSecretUnderTheSameIdAndAnUnknownIdAreWrongKey() throws IOException {
		byte[] sealed = encrypt(bytes(500, 9), key);
		BackupKey impostor = new BackupKey("k1", bytes(32, 2));
		assertThatThrownBy(() -> EncryptedChunkFormat.decrypt(new ByteArrayInputStream(sealed), id -> impostor))
			.isInstanceOf(WrongKey.class).hasMessageContaining("'k1' does not open this backup");
		assertThatThrownBy(() -> EncryptedChunkFormat.decrypt(new ByteArrayInputStream(sealed), id -> null))
			.isInstanceOf(WrongKey.class).hasMessageContaining("which this Steward does not have");
	}

	@Test
	void hkdfMatchesRfc5869TestCase1() {
		byte[] ikm = new byte[22];
		Arrays.fill(ikm, (byte) 0x0b);
		byte[] salt = java.util.HexFormat.of().parseHex("000102030405060708090a0b0c");
		byte[] info = java.util.HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
		assertThat(java.util.HexFormat.of().formatHex(Hkdf.sha256(ikm, salt, info, 42))).isEqualTo(
				"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	}

	int headerLength() {
		return 6 + 3 + 2 + 32 + 7 + 16;
	}

	byte[] encrypt(byte[] plain, BackupKey k) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream enc = EncryptedChunkFormat.encrypt(out, k, LOG2)) {
			enc.write(plain);
		}
		return out.toByteArray();
	}

	byte[] decrypt(byte[] sealed) throws IOException {
		try (InputStream in = EncryptedChunkFormat.decrypt(new ByteArrayInputStream(sealed), id -> key)) {
			return in.readAllBytes();
		}
	}

	static byte[] bytes(int n, long seed) {
		byte[] b = new byte[n];
		new Random(seed).nextBytes(b);
		return b;
	}
}

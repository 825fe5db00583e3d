package dev.steward.backup.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.BackupCorrupted;
import dev.steward.backup.Compression;

/**
 * The streaming chain between a dump and a store, in both directions:
 * dump bytes → count (raw) → compress → encrypt → SHA-256 and count (stored) → store, and back.
 * Nothing is staged: memory is the compressor's window plus one encryption chunk.
 */
public final class BackupPipeline {

	private BackupPipeline() {
	}

	/** The writing side; write the dump into {@link #input()}, then {@link #finish()}. */
	public static final class Writer {

		private final AtomicLong rawBytes = new AtomicLong();

		private final AtomicLong storedBytes = new AtomicLong();

		private final MessageDigest sha256 = sha256();

		private final OutputStream input;

		private final HandOffOutputStream handOff;

		private boolean finished;

		Writer(OutputStream store, Compression compression, int level, @Nullable BackupKey key) throws IOException {
			OutputStream stored = new CountingOutputStream(new DigestOutputStream(shield(store), sha256), storedBytes);
			OutputStream encrypted = key == null ? stored : EncryptedChunkFormat.encrypt(stored, key);
			this.handOff = new HandOffOutputStream(Compressors.compress(compression, level, encrypted), 4,
					"backup-compress");
			this.input = new CountingOutputStream(handOff, rawBytes);
		}

		/** Stops the compressing thread of a run that failed or was cancelled; the store aborts the artefact. */
		public void abandon() {
			finished = true;
			handOff.abandon();
		}

		public OutputStream input() {
			return input;
		}

		/** Bytes the dump produced so far. */
		public AtomicLong rawBytes() {
			return rawBytes;
		}

		/** Bytes handed to the store so far. */
		public AtomicLong storedBytes() {
			return storedBytes;
		}

		/** Flushes the compressor and writes the final encrypted chunk; answers the stored bytes' SHA-256. */
		public String finish() throws IOException {
			if (!finished) {
				finished = true;
				input.close();
			}
			return HexFormat.of().formatHex(sha256.digest());
		}
	}

	public static Writer writer(OutputStream store, Compression compression, int level, @Nullable BackupKey key)
			throws IOException {
		return new Writer(store, compression, level, key);
	}

	/** The stored bytes, checked and turned back into the plain dump. */
	public static final class Reader extends java.io.FilterInputStream {

		private final MessageDigest sha256;

		private final DigestInputStream digesting;

		private Reader(InputStream plain, DigestInputStream digesting, MessageDigest sha256) {
			super(plain);
			this.digesting = digesting;
			this.sha256 = sha256;
		}

		/**
		 * Reads whatever the decoder left unread (there should be nothing) and compares the stored bytes'
		 * SHA-256 with the manifest's.
		 */
		public void verifyChecksum(@Nullable String expectedHex) throws IOException {
			while (in.read() >= 0) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			digesting.transferTo(OutputStream.nullOutputStream());
			String actual = HexFormat.of().formatHex(sha256.digest());
			if (expectedHex != null && !expectedHex.equalsIgnoreCase(actual)) {
				throw new BackupCorrupted(dev.steward.job.ReasonCode.CHECKSUM_MISMATCH, "The backup's checksum does not match its manifest (stored bytes were altered): expected "
						+ expectedHex + ", got " + actual);
			}
		}
	}

	public static Reader reader(InputStream stored, Compression compression, boolean encrypted,
			Function<String, @Nullable BackupKey> keys) throws IOException {
		MessageDigest sha = sha256();
		DigestInputStream digesting = new DigestInputStream(stored, sha);
		InputStream decrypted = encrypted ? EncryptedChunkFormat.decrypt(digesting, keys) : digesting;
		InputStream plain;
		try {
			plain = Compressors.decompress(compression, decrypted);
		}
		catch (IOException e) {
			throw new BackupCorrupted("The backup cannot be decompressed: " + e.getMessage());
		}
		return new Reader(new DecodingErrors(plain), digesting, sha);
	}

	/**
	 * The stored bytes as they are (a raw download), checked on the way: an encrypted artefact's header before
	 * anything is returned, and the SHA-256 of all of it before its last bytes are returned. A reader that gets
	 * every byte therefore got the artefact the manifest describes; otherwise the last read throws
	 * {@link BackupCorrupted}.
	 */
	public static InputStream stored(InputStream stored, boolean encrypted, Function<String, @Nullable BackupKey> keys,
			@Nullable String expectedHex) throws IOException {
		MessageDigest sha = sha256();
		DigestInputStream digesting = new DigestInputStream(stored, sha);
		InputStream all = digesting;
		if (encrypted) {
			byte[] header = EncryptedChunkFormat.checkHeader(digesting, keys);
			all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(header), digesting);
		}
		return new ChecksumHoldBack(all, sha, expectedHex);
	}

	/**
	 * Hands out a block only once the next one has been read; the last block only once the checksum over
	 * everything matched. Closing it closes the stored stream.
	 */
	private static final class ChecksumHoldBack extends InputStream {

		private static final int BLOCK = 64 * 1024;

		private final InputStream in;

		private final MessageDigest sha256;

		private final @Nullable String expectedHex;

		private byte[] current;

		private int position;

		private byte @Nullable [] ahead;

		ChecksumHoldBack(InputStream in, MessageDigest sha256, @Nullable String expectedHex) throws IOException {
			this.in = in;
			this.sha256 = sha256;
			this.expectedHex = expectedHex;
			this.current = new byte[0];
			this.ahead = block();
		}

		private byte @Nullable [] block() throws IOException {
			byte[] b = in.readNBytes(BLOCK);
			if (b.length > 0) {
				return b;
			}
			String actual = HexFormat.of().formatHex(sha256.digest());
			if (expectedHex != null && !expectedHex.equalsIgnoreCase(actual)) {
				throw new BackupCorrupted(dev.steward.job.ReasonCode.CHECKSUM_MISMATCH, "The backup's checksum does not match its manifest (stored bytes were altered): expected "
						+ expectedHex + ", got " + actual);
			}
			return null;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (position == current.length) {
				if (ahead == null) {
					return -1;
				}
				current = ahead;
				position = 0;
				ahead = block();
			}
			int n = Math.min(len, current.length - position);
			System.arraycopy(current, position, b, off, n);
			position += n;
			return n;
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}

	/** Reports decompression failures (unencrypted backups) as {@link BackupCorrupted}. */
	private static final class DecodingErrors extends java.io.FilterInputStream {

		DecodingErrors(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			try {
				return in.read();
			}
			catch (BackupCorrupted | dev.steward.backup.WrongKey e) {
				throw e;
			}
			catch (IOException | RuntimeException e) {
				throw new BackupCorrupted("The backup cannot be decompressed (damaged or truncated): " + e.getMessage());
			}
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			try {
				return in.read(b, off, len);
			}
			catch (BackupCorrupted | dev.steward.backup.WrongKey e) {
				throw e;
			}
			catch (IOException | RuntimeException e) {
				throw new BackupCorrupted("The backup cannot be decompressed (damaged or truncated): " + e.getMessage());
			}
		}
	}

	/** The store's stream must not be closed by the chain: committing is a separate, explicit step. */
	private static OutputStream shield(OutputStream out) {
		return new FilterOutputStream(out) {
			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				out.write(b, off, len);
			}

			@Override
			public void close() throws IOException {
				flush();
			}
		};
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

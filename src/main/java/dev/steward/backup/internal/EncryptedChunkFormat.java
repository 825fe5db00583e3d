package dev.steward.backup.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.BackupCorrupted;
import dev.steward.backup.WrongKey;

/**
 * Steward's encrypted backup format: AES-256-GCM over fixed-size chunks, so memory stays bounded and
 * every chunk is authenticated on its own.
 *
 * <pre>
 * header  = "STWBKP" | version u8 (1) | log2(chunk size) u8 | key id length u8 | key id (ASCII)
 *           | salt (32) | nonce prefix (7) | key check (16)
 * chunk i = AES-256-GCM(plaintext of chunk size, or less for the final chunk) with its 16-byte tag
 * nonce_i = nonce prefix (7) | i as u32 big-endian | final flag u8 (1 on the last chunk, else 0)
 * aad_i   = SHA-256(header) | i as u64 | final flag u8
 * key     = HKDF-SHA256(master secret, salt, "steward-backup-v1") → 32 bytes AES key | 32 bytes check key
 * check   = first 16 bytes of HMAC-SHA256(check key, header up to the check)
 * </pre>
 *
 * Only the last chunk may be shorter than the chunk size, and only it carries the final flag: a reordered
 * chunk fails its tag (index in nonce and AAD), a file cut at a chunk boundary has no final chunk and fails,
 * a flipped bit fails, a wrong key fails the key check before any chunk is read.
 */
public final class EncryptedChunkFormat {

	static final byte[] MAGIC = "STWBKP".getBytes(StandardCharsets.US_ASCII);

	static final int VERSION = 1;

	static final int DEFAULT_CHUNK_LOG2 = 20;

	static final int TAG_BYTES = 16;

	static final byte[] INFO = "steward-backup-v1".getBytes(StandardCharsets.US_ASCII);

	private static final SecureRandom RANDOM = new SecureRandom();

	private EncryptedChunkFormat() {
	}

	/** Wraps {@code out}; closing the result writes the final chunk and closes {@code out}. */
	public static OutputStream encrypt(OutputStream out, BackupKey key) throws IOException {
		return encrypt(out, key, DEFAULT_CHUNK_LOG2);
	}

	static OutputStream encrypt(OutputStream out, BackupKey key, int chunkLog2) throws IOException {
		byte[] keyId = key.id().getBytes(StandardCharsets.US_ASCII);
		if (keyId.length == 0 || keyId.length > 64) {
			throw new IllegalArgumentException("key id must be 1-64 ASCII characters");
		}
		byte[] salt = new byte[32];
		byte[] prefix = new byte[7];
		RANDOM.nextBytes(salt);
		RANDOM.nextBytes(prefix);
		ByteBuffer h = ByteBuffer.allocate(MAGIC.length + 3 + keyId.length + salt.length + prefix.length);
		h.put(MAGIC).put((byte) VERSION).put((byte) chunkLog2).put((byte) keyId.length).put(keyId).put(salt).put(prefix);
		byte[] headerBody = h.array();
		byte[][] keys = derive(key.secret(), salt);
		byte[] check = check(keys[1], headerBody);
		byte[] header = concat(headerBody, check);
		out.write(header);
		return new ChunkWriter(out, keys[0], prefix, sha256(header), 1 << chunkLog2);
	}

	/**
	 * Wraps {@code in}, which must start with the header; {@code keys} finds the master secret by id (null
	 * if unknown). Reading throws {@link WrongKey} or {@link BackupCorrupted} with a clear message.
	 */
	public static InputStream decrypt(InputStream in, Function<String, @Nullable BackupKey> keys) throws IOException {
		Header header = Header.read(in);
		byte[][] derived = header.unlock(keys);
		return new ChunkReader(in, derived[0], header.noncePrefix, sha256(header.bytes), header.chunkSize);
	}

	/**
	 * Reads the header from {@code in} and checks everything it can tell without decrypting a chunk: marker,
	 * version, sizes, that Steward holds the key and that the key opens this header. Answers the header's bytes,
	 * so a caller that streams the artefact on can send them first.
	 */
	public static byte[] checkHeader(InputStream in, Function<String, @Nullable BackupKey> keys) throws IOException {
		Header header = Header.read(in);
		header.unlock(keys);
		return header.bytes.clone();
	}

	/** The parsed header; {@link #bytes} is all of it, key check included. */
	private record Header(byte[] bytes, String keyId, byte[] body, byte[] salt, byte[] noncePrefix, byte[] storedCheck,
			int chunkSize) {

		static Header read(InputStream in) throws IOException {
			byte[] fixed = readExactly(in, MAGIC.length + 3, "its header");
			if (!Arrays.equals(Arrays.copyOf(fixed, MAGIC.length), MAGIC)) {
				throw new BackupCorrupted("Not a Steward encrypted backup (the file does not start with the format's marker)");
			}
			int version = fixed[MAGIC.length] & 0xff;
			if (version != VERSION) {
				throw new BackupCorrupted("Unknown encrypted backup format version " + version);
			}
			int chunkLog2 = fixed[MAGIC.length + 1] & 0xff;
			if (chunkLog2 < 10 || chunkLog2 > 24) {
				throw new BackupCorrupted("Damaged header: impossible chunk size 2^" + chunkLog2);
			}
			int idLength = fixed[MAGIC.length + 2] & 0xff;
			if (idLength == 0 || idLength > 64) {
				throw new BackupCorrupted("Damaged header: key id length " + idLength);
			}
			byte[] rest = readExactly(in, idLength + 32 + 7 + 16, "its header");
			String keyId = new String(rest, 0, idLength, StandardCharsets.US_ASCII);
			byte[] salt = Arrays.copyOfRange(rest, idLength, idLength + 32);
			byte[] prefix = Arrays.copyOfRange(rest, idLength + 32, idLength + 39);
			byte[] storedCheck = Arrays.copyOfRange(rest, idLength + 39, idLength + 55);
			byte[] body = concat(fixed, Arrays.copyOf(rest, idLength + 39));
			return new Header(concat(body, storedCheck), keyId, body, salt, prefix, storedCheck, 1 << chunkLog2);
		}

		/** The derived AES key and check key, once the key check proves they belong to this header. */
		byte[][] unlock(Function<String, @Nullable BackupKey> keys) throws WrongKey {
			BackupKey key = keys.apply(keyId);
			if (key == null) {
				throw new WrongKey("This backup was encrypted with backup key '" + printable(keyId)
						+ "', which this Steward does not have. Restore that key file (keys/backup-<id>.key) to read it.");
			}
			byte[][] derived = derive(key.secret(), salt);
			if (!MessageDigest.isEqual(check(derived[1], body), storedCheck)) {
				throw new WrongKey("The backup key '" + printable(keyId)
						+ "' does not open this backup: the key file holds a different secret, or the backup's header is damaged");
			}
			return derived;
		}
	}

	private static byte[][] derive(byte[] master, byte[] salt) {
		byte[] okm = Hkdf.sha256(master, salt, INFO, 64);
		return new byte[][] { Arrays.copyOf(okm, 32), Arrays.copyOfRange(okm, 32, 64) };
	}

	private static byte[] check(byte[] checkKey, byte[] headerBody) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(checkKey, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(headerBody), 16);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	static byte[] nonce(byte[] prefix, long index, boolean last) {
		ByteBuffer b = ByteBuffer.allocate(12);
		b.put(prefix).putInt((int) index).put((byte) (last ? 1 : 0));
		return b.array();
	}

	static byte[] aad(byte[] headerHash, long index, boolean last) {
		return ByteBuffer.allocate(32 + 8 + 1).put(headerHash).putLong(index).put((byte) (last ? 1 : 0)).array();
	}

	private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) {
		try {
			Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
			c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
			c.updateAAD(aad);
			return c;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM unavailable", e);
		}
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] r = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, r, a.length, b.length);
		return r;
	}

	private static byte[] readExactly(InputStream in, int n, String what) throws IOException {
		byte[] b = in.readNBytes(n);
		if (b.length < n) {
			throw new BackupCorrupted("The backup is truncated: it ends inside " + what);
		}
		return b;
	}

	private static String printable(String s) {
		return s.replaceAll("[^A-Za-z0-9._-]", "?");
	}

	private static final class ChunkWriter extends OutputStream {

		private final OutputStream out;

		private final byte[] key;

		private final byte[] prefix;

		private final byte[] headerHash;

		private final byte[] buffer;

		private int filled;

		private long index;

		private boolean closed;

		ChunkWriter(OutputStream out, byte[] key, byte[] prefix, byte[] headerHash, int chunkSize) {
			this.out = out;
			this.key = key;
			this.prefix = prefix;
			this.headerHash = headerHash;
			this.buffer = new byte[chunkSize];
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (closed) {
				throw new IOException("stream closed");
			}
			while (len > 0) {
				if (filled == buffer.length) {
					// more data follows, so the full buffer is not the final chunk
					seal(false);
				}
				int n = Math.min(len, buffer.length - filled);
				System.arraycopy(b, off, buffer, filled, n);
				filled += n;
				off += n;
				len -= n;
			}
		}

		private void seal(boolean last) throws IOException {
			if (index > 0xFFFF_FFFFL) {
				throw new IOException("backup too large for one encrypted stream");
			}
			Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce(prefix, index, last), aad(headerHash, index, last));
			try {
				out.write(c.doFinal(buffer, 0, filled));
			}
			catch (GeneralSecurityException e) {
				throw new IOException("encryption failed", e);
			}
			index++;
			filled = 0;
		}

		@Override
		public void flush() throws IOException {
			out.flush();
		}

		@Override
		public void close() throws IOException {
			if (closed) {
				return;
			}
			closed = true;
			try {
				seal(true);
				out.flush();
			}
			finally {
				out.close();
			}
		}
	}

	private static final class ChunkReader extends InputStream {

		private final InputStream in;

		private final byte[] key;

		private final byte[] prefix;

		private final byte[] headerHash;

		private final int chunkSize;

		private final byte[] sealed;

		private byte @Nullable [] plain;

		private int position;

		private long index;

		private long offset;

		private boolean finished;

		private int lookahead = -1;

		ChunkReader(InputStream in, byte[] key, byte[] prefix, byte[] headerHash, int chunkSize) {
			this.in = in;
			this.key = key;
			this.prefix = prefix;
			this.headerHash = headerHash;
			this.chunkSize = chunkSize;
			this.sealed = new byte[chunkSize + TAG_BYTES];
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			while (plain == null || position == plain.length) {
				if (finished) {
					return -1;
				}
				nextChunk();
			}
			int n = Math.min(len, plain.length - position);
			System.arraycopy(plain, position, b, off, n);
			position += n;
			return n;
		}

		private void nextChunk() throws IOException {
			int got = 0;
			if (lookahead >= 0) {
				sealed[0] = (byte) lookahead;
				got = 1;
				lookahead = -1;
			}
			got += in.readNBytes(sealed, got, sealed.length - got);
			boolean last;
			if (got < sealed.length) {
				last = true;
			}
			else {
				lookahead = in.read();
				last = lookahead < 0;
			}
			if (got < TAG_BYTES) {
				throw new BackupCorrupted("The backup is truncated: it ends inside chunk " + index + " (byte offset "
						+ offset + ")");
			}
			try {
				plain = open(got, last);
			}
			catch (AEADBadTagException e) {
				if (last && got == sealed.length && opens(got)) {
					throw new BackupCorrupted("The backup is truncated: its final chunk is missing (the file ends after chunk "
							+ index + ", byte offset " + (offset + got) + ")");
				}
				throw new BackupCorrupted(dev.steward.job.ReasonCode.CHECKSUM_MISMATCH, "The backup is damaged: chunk " + index + " (byte offset " + offset
						+ ") failed authentication — the file was truncated, altered or its chunks reordered");
			}
			position = 0;
			offset += got;
			index++;
			finished = last;
		}

		private byte[] open(int length, boolean last) throws AEADBadTagException {
			Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce(prefix, index, last), aad(headerHash, index, last));
			try {
				return c.doFinal(sealed, 0, length);
			}
			catch (AEADBadTagException e) {
				throw e;
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		}

		private boolean opens(int length) {
			try {
				open(length, false);
				return true;
			}
			catch (AEADBadTagException e) {
				return false;
			}
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}

	/** Used by tests to check the chunk arithmetic: stored size for a plaintext size. */
	static long storedSize(long plainSize, int keyIdLength, int chunkLog2) {
		long chunk = 1L << chunkLog2;
		long chunks = Math.max(1, (plainSize + chunk - 1) / chunk);
		return MAGIC.length + 3 + keyIdLength + 32 + 7 + 16 + plainSize + chunks * TAG_BYTES;
	}

	static void requireEof(InputStream in) throws IOException {
		if (in.read() >= 0) {
			throw new EOFException("trailing data");
		}
	}
}

package dev.steward.backup.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import dev.steward.backup.Compression;

/**
 * Throughput of the backup pipeline alone (no tool, no store): {@code java ... PipelineThroughput <plain dump>}.
 * A bench helper, not a test; bench/backup/README.md says when to use it.
 */
public final class PipelineThroughput {

	/** A zstd-3 + AES-GCM pipeline into nothing, for DumpThroughput. */
	public static OutputStream sink() throws Exception {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		BackupPipeline.Writer writer = BackupPipeline.writer(OutputStream.nullOutputStream(), Compression.ZSTD, 3,
				new BackupKey("bench", secret));
		return new java.io.FilterOutputStream(writer.input()) {
			@Override
			public void write(byte[] b, int off, int len) throws java.io.IOException {
				out.write(b, off, len);
			}

			@Override
			public void close() throws java.io.IOException {
				writer.finish();
			}
		};
	}

	public static void main(String[] args) throws Exception {
		Path dump = Path.of(args[0]);
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		BackupKey key = new BackupKey("bench", secret);
		for (int round = 0; round < 3; round++) {
			for (int level : new int[] { 1, 3 }) {
				long start = System.nanoTime();
				BackupPipeline.Writer writer = BackupPipeline.writer(OutputStream.nullOutputStream(), Compression.ZSTD,
						level, key);
				try (InputStream in = Files.newInputStream(dump)) {
					in.transferTo(writer.input());
				}
				writer.finish();
				long ms = (System.nanoTime() - start) / 1_000_000;
				System.out.printf("zstd-%d + AES-GCM: %,d ms, %,d -> %,d bytes (%.0f MB/s)%n", level, ms,
						writer.rawBytes().get(), writer.storedBytes().get(), writer.rawBytes().get() / 1e3 / ms);
			}
		}
	}
}

package dev.steward.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import dev.steward.backup.Compression;

/** Compression as streams; each keeps a bounded window whatever the input size. */
public final class Compressors {

	private Compressors() {
	}

	/** Levels: zstd 1-19 (default 3), gzip 1-9 (default 6); none ignores it. */
	public static OutputStream compress(Compression compression, int level, OutputStream out) throws IOException {
		return switch (compression) {
			case ZSTD -> {
				ZstdOutputStream z = new ZstdOutputStream(out, level);
				z.setChecksum(true);
				yield z;
			}
			case GZIP -> new GZIPOutputStream(out, 64 * 1024, false) {
				{
					def.setLevel(Math.max(Deflater.BEST_SPEED, Math.min(Deflater.BEST_COMPRESSION, level)));
				}
			};
			case NONE -> out;
		};
	}

	public static InputStream decompress(Compression compression, InputStream in) throws IOException {
		return switch (compression) {
			case ZSTD -> new ZstdInputStream(in);
			case GZIP -> new GZIPInputStream(in, 64 * 1024);
			case NONE -> in;
		};
	}

	public static int defaultLevel(Compression compression) {
		return switch (compression) {
			case ZSTD -> 3;
			case GZIP -> 6;
			case NONE -> 0;
		};
	}

	public static void checkLevel(Compression compression, int level) {
		int max = switch (compression) {
			case ZSTD -> 19;
			case GZIP -> 9;
			case NONE -> 0;
		};
		int min = compression == Compression.NONE ? 0 : 1;
		if (level < min || level > max) {
			throw new dev.steward.shared.InvalidInput("compressionLevel",
					compression + " takes a level from " + min + " to " + max);
		}
	}
}

package dev.steward.engine.postgres;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the data offsets into a {@code pg_dump -Fc} archive that was written to a pipe. {@code pg_dump} can only
 * record where each table's data starts when it can seek back into its output; Steward's backups stream its
 * stdout, so their archives have none. A parallel {@code pg_restore} then has every worker scan the file from the
 * start for each table it restores, reading the uncompressed archive (one chunk per row) again and again: on a
 * 1.1 GB archive the restore took three times as long as {@code pg_restore -j2} of a file {@code pg_dump} wrote, its
 * two workers busy scanning. One pass over the staged copy finds every data block and patches the table of contents
 * in place, as {@code pg_dump} itself does at the end of a seekable dump.
 * <p>
 * Reads the format of {@code pg_backup_archiver.c}/{@code pg_backup_custom.c}, archive versions 1.12 to 1.16
 * (PostgreSQL 9.0 to 17). Anything it does not recognise leaves the file untouched: the restore is then only slower.
 * {@code pg_restore} checks the block id at every offset it seeks to, so a wrong offset fails loudly.
 */
final class CustomArchiveOffsets {

	private static final Logger log = LoggerFactory.getLogger(CustomArchiveOffsets.class);

	static final int POS_NOT_SET = 1;

	static final int POS_SET = 2;

	static final int NO_DATA = 3;

	private static final int BLK_DATA = 1;

	private static final int BLK_BLOBS = 3;

	private CustomArchiveOffsets() {
	}

	/** The archive's table of contents: each entry's dump id, where its offset field lies, its state and offset. */
	record Toc(int intSize, int offSize, long dataStart, Map<Integer, Entry> entries) {
	}

	record Entry(int dumpId, long flagPosition, int state, long offset) {
	}

	/**
	 * Adds the offsets when the archive has none; the file must be a working copy Steward owns. Returns how many
	 * offsets were written (0: nothing to do, or a format it does not recognise).
	 */
	static int addTo(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			Toc toc;
			Map<Integer, Long> blocks;
			try {
				toc = readToc(channel);
				if (toc == null || toc.entries().values().stream().noneMatch(e -> e.state() == POS_NOT_SET)
						|| toc.entries().values().stream().anyMatch(e -> e.state() == POS_SET)) {
					return 0;
				}
				blocks = scanBlocks(channel, toc);
			}
			catch (Unrecognised | EOFException e) {
				log.info("Leaving the archive's data offsets unset ({}); a parallel restore reads it more slowly",
						e.getMessage());
				return 0;
			}
			for (Map.Entry<Integer, Long> block : blocks.entrySet()) {
				Entry entry = toc.entries().get(block.getKey());
				ByteBuffer field = ByteBuffer.allocate(1 + toc.offSize());
				field.put((byte) POS_SET);
				long offset = block.getValue();
				for (int i = 0; i < toc.offSize(); i++) {
					field.put((byte) (offset & 0xFF));
					offset >>>= 8;
				}
				field.flip();
				while (field.hasRemaining()) {
					channel.write(field, entry.flagPosition() + field.position());
				}
			}
			channel.force(false);
			return blocks.size();
		}
	}

	/** The table of contents, or null when the file is not a custom-format archive of a known version. */
	static Toc readToc(FileChannel channel) throws IOException {
		Reader in = new Reader(channel, 0);
		byte[] magic = in.bytes(5);
		if (!"PGDMP".equals(new String(magic, StandardCharsets.US_ASCII))) {
			return null;
		}
		int major = in.u8();
		int minor = in.u8();
		int revision = in.u8();
		int version = major * 10_000 + minor * 100 + revision;
		if (major != 1 || minor < 12 || minor > 16) {
			throw new Unrecognised("archive version " + major + "." + minor);
		}
		in.intSize = in.u8();
		int offSize = in.u8();
		int format = in.u8();
		if (format != 1 || in.intSize < 1 || in.intSize > 8 || offSize < 1 || offSize > 8) {
			throw new Unrecognised("format " + format + ", int size " + in.intSize + ", offset size " + offSize);
		}
		if (version >= 11_500) {
			in.u8(); // compression algorithm
		}
		else {
			in.integer(); // compression level
		}
		for (int i = 0; i < 7; i++) {
			in.integer(); // creation time (struct tm)
		}
		in.skipString(); // database name
		in.skipString(); // server version
		in.skipString(); // pg_dump version
		long count = in.integer();
		if (count < 0 || count > 50_000_000) {
			throw new Unrecognised("TOC count " + count);
		}
		Map<Integer, Entry> entries = new LinkedHashMap<>();
		for (long i = 0; i < count; i++) {
			int dumpId = (int) in.integer();
			in.integer(); // had dumper
			in.skipString(); // table oid
			in.skipString(); // oid
			in.skipString(); // tag
			in.skipString(); // desc
			in.integer(); // section
			in.skipString(); // definition
			in.skipString(); // drop statement
			in.skipString(); // copy statement
			in.skipString(); // namespace
			in.skipString(); // tablespace
			if (version >= 11_400) {
				in.skipString(); // table access method
			}
			if (version >= 11_600) {
				in.integer(); // relkind
			}
			in.skipString(); // owner
			in.skipString(); // "with oids"
			while (in.skipString()) {
				// dependencies, ended by a null string
			}
			long flagPosition = in.position();
			int state = in.u8();
			if (state != POS_NOT_SET && state != POS_SET && state != NO_DATA) {
				throw new Unrecognised("offset state " + state + " of entry " + dumpId);
			}
			long offset = 0;
			for (int b = 0; b < offSize; b++) {
				offset |= (long) in.u8() << (8 * b);
			}
			if (dumpId <= 0 || entries.put(dumpId, new Entry(dumpId, flagPosition, state, offset)) != null) {
				throw new Unrecognised("dump id " + dumpId);
			}
		}
		return new Toc(in.intSize, offSize, in.position(), entries);
	}

	/** Where each data block starts (its type byte), by dump id; one pass, seeking over the data itself. */
	static Map<Integer, Long> scanBlocks(FileChannel channel, Toc toc) throws IOException {
		Reader in = new Reader(channel, toc.dataStart());
		in.intSize = toc.intSize();
		Map<Integer, Long> blocks = new LinkedHashMap<>();
		while (true) {
			long at = in.position();
			int type = in.u8OrEof();
			if (type < 0) {
				return blocks;
			}
			int dumpId = (int) in.integer();
			Entry entry = toc.entries().get(dumpId);
			if ((type != BLK_DATA && type != BLK_BLOBS) || entry == null || entry.state() == NO_DATA
					|| blocks.put(dumpId, at) != null) {
				throw new Unrecognised("block type " + type + " for dump id " + dumpId + " at " + at);
			}
			if (type == BLK_DATA) {
				skipChunks(in);
			}
			else {
				while (in.integer() != 0) { // one large object per oid, until oid 0
					skipChunks(in);
				}
			}
		}
	}

	private static void skipChunks(Reader in) throws IOException {
		long length;
		while ((length = in.integer()) != 0) {
			if (length < 0) {
				throw new Unrecognised("chunk length " + length);
			}
			in.skip(length);
		}
	}

	/** The archive is not what this class can read. */
	static final class Unrecognised extends IOException {

		Unrecognised(String message) {
			super(message);
		}

	}

	/** Buffered reads with the archive's integer and string encodings, tracking the absolute position. */
	private static final class Reader {

		private final FileChannel channel;

		private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

		private long bufferStart;

		int intSize = 4;

		Reader(FileChannel channel, long start) {
			this.channel = channel;
			this.bufferStart = start;
			this.buffer.limit(0);
		}

		long position() {
			return this.bufferStart + this.buffer.position();
		}

		int u8OrEof() throws IOException {
			if (!this.buffer.hasRemaining() && !fill()) {
				return -1;
			}
			return this.buffer.get() & 0xFF;
		}

		int u8() throws IOException {
			int b = u8OrEof();
			if (b < 0) {
				throw new EOFException("archive ends early");
			}
			return b;
		}

		/** pg_dump's ReadInt: a sign byte, then intSize bytes, least significant first. */
		long integer() throws IOException {
			int sign = u8();
			long value = 0;
			for (int i = 0; i < this.intSize; i++) {
				value |= (long) u8() << (8 * i);
			}
			return sign == 0 ? value : -value;
		}

		byte[] bytes(int n) throws IOException {
			byte[] out = new byte[n];
			for (int i = 0; i < n; i++) {
				out[i] = (byte) u8();
			}
			return out;
		}

		/** Skips a string; false when it was the null string (length -1). */
		boolean skipString() throws IOException {
			long length = integer();
			if (length < 0) {
				return false;
			}
			skip(length);
			return true;
		}

		void skip(long n) throws IOException {
			if (n <= this.buffer.remaining()) {
				this.buffer.position(this.buffer.position() + (int) n);
				return;
			}
			long target = position() + n;
			if (target > this.channel.size()) {
				throw new EOFException("archive ends early");
			}
			this.bufferStart = target;
			this.buffer.limit(0);
		}

		private boolean fill() throws IOException {
			this.bufferStart = position();
			this.buffer.clear();
			int read = this.channel.read(this.buffer, this.bufferStart);
			this.buffer.flip();
			return read > 0;
		}

	}

}

package dev.steward.engine.mongo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.jspecify.annotations.Nullable;

import dev.steward.engine.ArchiveInvalid;

/**
 * Steward's MongoDB archive (format {@code steward-mongo-archive}, version 1), written by {@link MongoDump} and
 * read by {@link MongoRestore}. It streams in one pass both ways, and every entry is a BSON document, so types
 * (ObjectId, dates, decimals, binary, regexes in validators …) survive exactly. Layout (also in
 * {@code docs/mongodb-archive-format.md}):
 *
 * <pre>
 * archive = magic "STWMONGO" (8 bytes ASCII)
 *           header entry
 *           ( collection entry, document entry* )*
 *           end entry
 * entry   = type (1 byte ASCII) | BSON document (its own little-endian int32 length first, 0x00 last)
 *   'H' header     {format: "steward-mongo-archive", version: 1, database, kind: FULL|SCHEMA|DATA,
 *                   serverVersion, createdAt (date), consistency: "LOGICAL"}
 *   'C' collection {name, type: "collection"|"view", options: {listCollections options}, indexes: [listIndexes
 *                   documents without the _id index], withSchema: bool}   (data-only: options and indexes empty)
 *   'D' document   the document's raw BSON bytes, exactly as the server sent them; belongs to the last 'C'
 *   'E' end        {collections: [{name, documents}], documents: total}
 * </pre>
 *
 * A reader refuses an archive without the magic, with an unknown version or entry type, with a document before
 * any collection, with counts that differ from the end entry, with bytes after it, or without an end entry at
 * all (a truncated archive). Entries are at most {@link #MAX_ENTRY} bytes.
 */
final class MongoArchive {

	static final byte[] MAGIC = "STWMONGO".getBytes(StandardCharsets.US_ASCII);

	static final String FORMAT = "steward-mongo-archive";

	static final int VERSION = 1;

	static final byte HEADER = 'H';

	static final byte COLLECTION = 'C';

	static final byte DOCUMENT = 'D';

	static final byte END = 'E';

	/** BSON documents are at most 16 MiB; metadata entries stay far below this. */
	static final int MAX_ENTRY = 48 * 1024 * 1024;

	private MongoArchive() {
	}

	/** Writes entries to a stream (not closed here). */
	static final class Writer {

		private final OutputStream out;

		Writer(OutputStream out) throws IOException {
			this.out = out;
			out.write(MAGIC);
		}

		void write(byte type, BsonDocument document) throws IOException {
			RawBsonDocument raw = document instanceof RawBsonDocument r ? r
					: new RawBsonDocument(document, new BsonDocumentCodec());
			ByteBuffer bytes = raw.getByteBuffer().asNIO();
			out.write(type);
			if (bytes.hasArray()) {
				out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
			}
			else {
				byte[] copy = new byte[bytes.remaining()];
				bytes.get(copy);
				out.write(copy);
			}
		}
	}

	/** One entry read back. */
	record Entry(byte type, RawBsonDocument document) {
	}

	/** Reads entries one by one; {@link #next()} answers null after the end entry (and checks nothing follows). */
	static final class Reader {

		private final InputStream in;

		private boolean ended;

		private boolean started;

		Reader(InputStream in) throws IOException {
			this.in = in;
			byte[] magic = in.readNBytes(MAGIC.length);
			if (!Arrays.equals(magic, MAGIC)) {
				throw new ArchiveInvalid("This is not a Steward MongoDB archive (no STWMONGO header)");
			}
		}

		@Nullable
		Entry next() throws IOException {
			if (ended) {
				return null;
			}
			int type = in.read();
			if (type < 0) {
				throw new ArchiveInvalid("The MongoDB archive is truncated: it ends without its end marker");
			}
			if (type != HEADER && type != COLLECTION && type != DOCUMENT && type != END) {
				throw new ArchiveInvalid("The MongoDB archive is damaged: unknown entry type 0x" + Integer.toHexString(type));
			}
			if (!started && type != HEADER) {
				throw new ArchiveInvalid("The MongoDB archive is damaged: it does not start with its header");
			}
			started = true;
			byte[] lengthBytes = readFully(4);
			int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
			if (length < 5 || length > MAX_ENTRY) {
				throw new ArchiveInvalid("The MongoDB archive is damaged: an entry claims " + length + " bytes");
			}
			byte[] bytes = new byte[length];
			System.arraycopy(lengthBytes, 0, bytes, 0, 4);
			byte[] rest = readFully(length - 4);
			System.arraycopy(rest, 0, bytes, 4, rest.length);
			if (bytes[length - 1] != 0) {
				throw new ArchiveInvalid("The MongoDB archive is damaged: an entry is not a BSON document");
			}
			if (type == END) {
				ended = true;
				if (in.read() >= 0) {
					throw new ArchiveInvalid("The MongoDB archive is damaged: bytes follow its end marker");
				}
			}
			return new Entry((byte) type, new RawBsonDocument(bytes));
		}

		private byte[] readFully(int n) throws IOException {
			byte[] b = in.readNBytes(n);
			if (b.length < n) {
				throw new ArchiveInvalid("The MongoDB archive is truncated: it ends inside an entry");
			}
			return b;
		}
	}
}

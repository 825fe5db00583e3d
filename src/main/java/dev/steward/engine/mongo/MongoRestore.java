package dev.steward.engine.mongo;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolAborted;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;

/**
 * Reads Steward's MongoDB archive ({@link MongoArchive}) back: each collection is created with its options
 * (capped, validator, collation …), filled in ordered batches (document validation bypassed, as mongorestore
 * does: the documents were in the database already), then given its indexes; views are created with their
 * pipeline. {@code clean} drops each archived collection first (data-only: empties it and keeps its options
 * and indexes); without it an existing collection with the same name stops the restore, except for data-only
 * archives, whose documents are added. MongoDB has no transaction for this: a restore into a new database is
 * dropped by the caller when it fails; one into an existing database may stop half-way, as mongorestore does.
 */
@Component
public class MongoRestore implements RestoreCapability {

	/** What MongoDB allows in a database name (and no more than 63 characters, like elsewhere in Steward). */
	static final Pattern DATABASE = Pattern.compile("^[^/\\\\. \"$*<>:|?\\x00]{1,63}$");

	private static final int BATCH_DOCUMENTS = 1000;

	private static final int BATCH_BYTES = 8 * 1024 * 1024;

	private final MongoAdapter adapter;

	public MongoRestore(MongoAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	@Override
	public ArchiveListing inspect(ArchiveSource archive, ToolControl control) throws IOException {
		List<String> sample = new ArrayList<>();
		int collections = 0;
		try (InputStream in = archive.open()) {
			Checked checked = new Checked(new MongoArchive.Reader(in));
			MongoArchive.Entry entry;
			String current = null;
			long documents = 0;
			while ((entry = checked.next()) != null) {
				control.throwIfAborted();
				if (entry.type() == MongoArchive.COLLECTION || entry.type() == MongoArchive.END) {
					if (current != null && sample.size() < 20) {
						sample.add(current + " (" + documents + " documents)");
					}
					if (entry.type() == MongoArchive.COLLECTION) {
						BsonDocument c = entry.document();
						collections++;
						current = c.getString("type").getValue().toUpperCase(java.util.Locale.ROOT) + " "
								+ c.getString("name").getValue() + ", "
								+ c.getArray("indexes", new BsonArray()).size() + " indexes";
						documents = 0;
					}
				}
				else if (entry.type() == MongoArchive.DOCUMENT) {
					documents++;
				}
			}
		}
		catch (org.bson.BSONException e) {
			throw new ArchiveInvalid("The MongoDB archive is damaged: " + e.getMessage());
		}
		if (collections == 0) {
			throw new ArchiveInvalid("The archive holds no collections: there is nothing to restore");
		}
		return new ArchiveListing(collections, sample);
	}

	/**
	 * Checks the archive's structure while it is read: header first with a known format and version, documents
	 * only after a collection, and per-collection counts equal to what the end entry says.
	 */
	private static final class Checked {

		private final MongoArchive.Reader reader;

		private final Map<String, Long> counts = new LinkedHashMap<>();

		private @Nullable String current;

		private boolean header;

		Checked(MongoArchive.Reader reader) {
			this.reader = reader;
		}

		MongoArchive.@Nullable Entry next() throws IOException {
			MongoArchive.Entry entry = reader.next();
			if (entry == null) {
				return null;
			}
			BsonDocument d = entry.document();
			switch (entry.type()) {
				case MongoArchive.HEADER -> {
					if (header) {
						throw new ArchiveInvalid("The MongoDB archive is damaged: a second header");
					}
					header = true;
					if (!MongoArchive.FORMAT.equals(d.getString("format", new BsonString("")).getValue())) {
						throw new ArchiveInvalid("This is not a Steward MongoDB archive");
					}
					int version = d.getInt32("version").getValue();
					if (version != MongoArchive.VERSION) {
						throw new ArchiveInvalid("The MongoDB archive has format version " + version
								+ "; this Steward reads version " + MongoArchive.VERSION);
					}
				}
				case MongoArchive.COLLECTION -> {
					String name = d.getString("name").getValue();
					if (counts.containsKey(name)) {
						throw new ArchiveInvalid("The MongoDB archive is damaged: collection " + name + " appears twice");
					}
					current = "view".equals(d.getString("type").getValue()) ? null : name;
					if (current != null) {
						counts.put(name, 0L);
					}
				}
				case MongoArchive.DOCUMENT -> {
					if (current == null) {
						throw new ArchiveInvalid("The MongoDB archive is damaged: a document outside any collection");
					}
					counts.merge(current, 1L, Long::sum);
				}
				case MongoArchive.END -> {
					Map<String, Long> expected = new LinkedHashMap<>();
					for (BsonValue v : d.getArray("collections")) {
						BsonDocument c = v.asDocument();
						expected.put(c.getString("name").getValue(), c.getNumber("documents").longValue());
					}
					if (!expected.equals(counts)) {
						throw new ArchiveInvalid("The MongoDB archive is damaged: its end marker lists " + expected
								+ " but the archive holds " + counts);
					}
				}
				default -> throw new ArchiveInvalid("The MongoDB archive is damaged");
			}
			return entry;
		}
	}

	@Override
	public void restore(ConnectionSpec target, ArchiveSource archive, RestoreOptions options, ToolControl control)
			throws IOException {
		String database = checkedName(target.database());
		MongoClient client = adapter.dedicatedClient(target);
		try (client; AutoCloseable stop = control.onAbort(client::close); InputStream in = archive.open()) {
			MongoDatabase db = client.getDatabase(database);
			Set<String> existing = new HashSet<>();
			try {
				db.listCollectionNames().into(new ArrayList<>()).forEach(existing::add);
			}
			catch (MongoException e) {
				throw MongoAdapter.failure(e, target, other -> other);
			}
			Checked reader = new Checked(new MongoArchive.Reader(in));
			Loading loading = null;
			MongoArchive.Entry entry;
			while ((entry = reader.next()) != null) {
				control.throwIfAborted();
				switch (entry.type()) {
					case MongoArchive.COLLECTION -> {
						if (loading != null) {
							loading.finish();
						}
						loading = begin(db, entry.document(), existing, options.clean());
					}
					case MongoArchive.DOCUMENT -> {
						if (loading == null) {
							throw new ArchiveInvalid("The MongoDB archive is damaged: a document outside any collection");
						}
						loading.add(entry.document());
					}
					case MongoArchive.END -> {
						if (loading != null) {
							loading.finish();
						}
					}
					default -> {
						// the header was checked by the reader
					}
				}
			}
		}
		catch (IOException | ToolAborted | ArchiveInvalid e) {
			throw e;
		}
		catch (RuntimeException e) {
			control.throwIfAborted();
			throw e instanceof MongoException ? new ToolFailed("MongoDB restore failed: " + e.getMessage(), e) : e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static Loading begin(MongoDatabase db, BsonDocument entry, Set<String> existing, boolean clean) {
		String name = entry.getString("name").getValue();
		boolean view = "view".equals(entry.getString("type").getValue());
		boolean withSchema = entry.getBoolean("withSchema").getValue();
		BsonDocument collectionOptions = entry.getDocument("options", new BsonDocument());
		boolean exists = existing.contains(name);
		if (exists && clean) {
			if (withSchema) {
				db.getCollection(name).drop();
				exists = false;
			}
			else {
				db.getCollection(name).deleteMany(new BsonDocument());
			}
		}
		else if (exists && withSchema) {
			throw new ToolFailed("The collection '" + name + "' already exists in database '" + db.getName()
					+ "'; restore with clean to replace it, or into a new database");
		}
		if (!exists) {
			BsonDocument create = new BsonDocument("create", new BsonString(name));
			if (withSchema) {
				collectionOptions.forEach(create::append);
			}
			db.runCommand(create);
			existing.add(name);
		}
		BsonArray indexes = entry.getArray("indexes", new BsonArray());
		return new Loading(db, db.getCollection(name, RawBsonDocument.class), view ? new BsonArray() : indexes);
	}

	/** One collection being filled: batches of documents, then its indexes. */
	private static final class Loading {

		private final MongoDatabase db;

		private final MongoCollection<RawBsonDocument> collection;

		private final BsonArray indexes;

		private final List<RawBsonDocument> batch = new ArrayList<>();

		private long batchBytes;

		Loading(MongoDatabase db, MongoCollection<RawBsonDocument> collection, BsonArray indexes) {
			this.db = db;
			this.collection = collection;
			this.indexes = indexes;
		}

		void add(RawBsonDocument document) {
			batch.add(document);
			batchBytes += document.getByteBuffer().remaining();
			if (batch.size() >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) {
				flush();
			}
		}

		private void flush() {
			if (!batch.isEmpty()) {
				collection.insertMany(batch, new InsertManyOptions().ordered(true).bypassDocumentValidation(true));
				batch.clear();
				batchBytes = 0;
			}
		}

		/** Indexes after the documents: building them once is faster than maintaining them per insert. */
		void finish() {
			flush();
			if (!indexes.isEmpty()) {
				BsonArray specs = new BsonArray();
				for (BsonValue v : indexes) {
					BsonDocument spec = new BsonDocument();
					v.asDocument().forEach((key, value) -> {
						if (!key.equals("v") && !key.equals("ns")) {
							spec.append(key, value);
						}
					});
					specs.add(spec);
				}
				// the archived definitions as they are, so every index option (unique, partial, TTL, collation …) survives
				db.runCommand(new BsonDocument("createIndexes", new BsonString(collection.getNamespace().getCollectionName()))
					.append("indexes", specs));
			}
		}
	}

	static String checkedName(@Nullable String database) {
		if (database == null || !DATABASE.matcher(database).matches()) {
			throw new IllegalArgumentException("'" + database + "' is not a MongoDB database name (1-63 characters, "
					+ "none of / \\ . space \" $ * < > : | ?)");
		}
		return database;
	}

	@Override
	public boolean databaseExists(ConnectionSpec server, String database) {
		try (MongoClient client = adapter.dedicatedClient(server)) {
			return client.listDatabaseNames().into(new ArrayList<>()).contains(database);
		}
		catch (MongoException e) {
			throw MongoAdapter.failure(e, server, other -> new ToolFailed("Cannot reach the MongoDB server: " + other.getMessage(), other));
		}
	}

	/** MongoDB creates a database with its first collection; this only checks the name. */
	@Override
	public ConnectionSpec createDatabase(ConnectionSpec server, String database) {
		return server.withDatabase(checkedName(database));
	}

	@Override
	public void dropDatabase(ConnectionSpec server, String database) {
		try (MongoClient client = adapter.dedicatedClient(server)) {
			client.getDatabase(checkedName(database)).drop();
		}
		catch (MongoException e) {
			throw MongoAdapter.failure(e, server, other -> new ToolFailed("Could not drop " + database + ": " + other.getMessage(), other));
		}
	}

	@Override
	public List<TableRows> countRows(ConnectionSpec spec) {
		String database = checkedName(spec.database());
		try (MongoClient client = adapter.dedicatedClient(spec)) {
			MongoDatabase db = client.getDatabase(database);
			List<TableRows> rows = new ArrayList<>();
			for (BsonDocument info : db.listCollections(BsonDocument.class)) {
				String name = info.getString("name").getValue();
				BsonValue type = info.get("type");
				if (name.startsWith("system.") || (type != null && "view".equals(type.asString().getValue()))) {
					continue;
				}
				rows.add(new TableRows(name, db.getCollection(name).countDocuments(), true));
			}
			rows.sort(java.util.Comparator.comparing(TableRows::name));
			return rows;
		}
		catch (MongoException e) {
			throw MongoAdapter.failure(e, spec, other -> new ToolFailed("Counting documents failed: " + other.getMessage(), other));
		}
	}
}

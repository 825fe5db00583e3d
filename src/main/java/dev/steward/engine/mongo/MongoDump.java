package dev.steward.engine.mongo;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolAborted;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;

/**
 * A driver-based logical dump of one MongoDB database (there is no {@code mongodump} here) into Steward's
 * archive ({@link MongoArchive}, {@code docs/mongodb-archive-format.md}): per collection its options and index
 * definitions, then its documents as the server's raw BSON. Views come after collections and carry no documents;
 * {@code system.*} collections are left out.
 * <p>
 * One database per backup: the connection's own. A connection that names none is refused up front, because a
 * restore, a test restore and the API's confirmation all address one database; register one connection per
 * database to back several up.
 * <p>
 * Collections are read one after another, each at its own moment: the dump is <b>logical, not point-in-time</b>
 * ({@link DumpConsistency#LOGICAL}); writes made while it runs may be partly in it. Schema-only writes the
 * collection entries only; data-only writes names and documents without options or indexes. Collection filters
 * ({@code includeTables}/{@code excludeTables}) match collection names, with {@code *} and {@code ?}.
 */
@Component
public class MongoDump implements DumpCapability {

	private static final int BATCH = 1000;

	private final MongoAdapter adapter;

	public MongoDump(MongoAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	@Override
	public String extension() {
		return "stwmongo";
	}

	@Override
	public boolean databaseChoice() {
		return true;
	}

	@Override
	public boolean systemDatabase(String name) {
		return MongoCatalog.SYSTEM_DATABASES.contains(name);
	}

	@Override
	public void preflight(ConnectionSpec spec, DumpOptions options) {
		String database = database(spec);
		if (!options.includeSchemas().isEmpty() || !options.excludeSchemas().isEmpty()) {
			throw new ToolUnavailable("MongoDB has no schemas: filter collections with includeTables/excludeTables");
		}
		try (MongoClient client = adapter.dedicatedClient(spec)) {
			List<String> names = collections(client.getDatabase(database), options).stream()
				.map(c -> c.getString("name").getValue())
				.toList();
			if (names.isEmpty()) {
				throw new ToolUnavailable("The MongoDB database '" + database + "' holds no collections"
						+ (options.filtered() ? " that match the filters" : "") + "; there is nothing to back up");
			}
		}
		catch (MongoException e) {
			throw MongoAdapter.failure(e, spec,
					other -> new ToolUnavailable("Cannot read the MongoDB database '" + database + "': " + other.getMessage(), other));
		}
	}

	static String database(ConnectionSpec spec) {
		String database = spec.database();
		if (database == null || database.isBlank()) {
			throw new ToolUnavailable("This MongoDB connection names no database. Steward backs up one database per "
					+ "backup: add /<database> to the connection's URL (one connection per database)");
		}
		return database;
	}

	@Override
	public DumpResult dump(ConnectionSpec spec, DumpOptions options, OutputStream out, ToolControl control)
			throws IOException {
		String database = database(spec);
		MongoClient client = adapter.dedicatedClient(spec);
		// closing the client is what unblocks a read waiting on the server
		try (client; AutoCloseable stop = control.onAbort(client::close)) {
			MongoDatabase db = client.getDatabase(database);
			Document build = db.runCommand(new Document("buildInfo", 1));
			String version = String.valueOf(build.get("version"));
			MongoArchive.Writer writer = new MongoArchive.Writer(out);
			writer.write(MongoArchive.HEADER, new BsonDocument("format", new BsonString(MongoArchive.FORMAT))
				.append("version", new BsonInt32(MongoArchive.VERSION))
				.append("database", new BsonString(database))
				.append("kind", new BsonString(options.kind().name()))
				.append("serverVersion", new BsonString(version))
				.append("createdAt", new BsonDateTime(new Date().getTime()))
				.append("consistency", new BsonString(DumpConsistency.LOGICAL.name())));
			boolean schema = options.kind() != DumpKind.DATA;
			boolean data = options.kind() != DumpKind.SCHEMA;
			List<TableRows> tables = new ArrayList<>();
			BsonArray counts = new BsonArray();
			long total = 0;
			for (BsonDocument info : collections(db, options)) {
				control.throwIfAborted();
				String name = info.getString("name").getValue();
				boolean view = "view".equals(info.getString("type", new BsonString("collection")).getValue());
				BsonDocument entry = new BsonDocument("name", new BsonString(name))
					.append("type", new BsonString(view ? "view" : "collection"))
					.append("withSchema", BsonBoolean.valueOf(schema));
				MongoCollection<RawBsonDocument> collection = db.getCollection(name, RawBsonDocument.class);
				if (schema) {
					entry.append("options", info.getDocument("options", new BsonDocument()));
					BsonArray indexes = new BsonArray();
					if (!view) {
						for (BsonDocument index : collection.listIndexes(BsonDocument.class)) {
							if (!"_id_".equals(index.getString("name", new BsonString("")).getValue())) {
								index.remove("ns");
								indexes.add(index);
							}
						}
					}
					entry.append("indexes", indexes);
				}
				writer.write(MongoArchive.COLLECTION, entry);
				if (view) {
					continue;
				}
				long documents = 0;
				if (data) {
					try (MongoCursor<RawBsonDocument> cursor = collection.find().batchSize(BATCH).iterator()) {
						while (cursor.hasNext()) {
							RawBsonDocument document = cursor.next();
							control.throwIfAborted();
							writer.write(MongoArchive.DOCUMENT, document);
							documents++;
						}
					}
				}
				total += documents;
				counts.add(new BsonDocument("name", new BsonString(name)).append("documents", new BsonInt64(documents)));
				tables.add(new TableRows(name, documents, true));
			}
			writer.write(MongoArchive.END, new BsonDocument("collections", counts).append("documents", new BsonInt64(total)));
			return new DumpResult(version, "mongodb-driver-sync", driverVersion(), "steward mongo archive v1", tables,
					DumpConsistency.LOGICAL);
		}
		catch (IOException | ToolAborted e) {
			throw e;
		}
		catch (RuntimeException e) {
			control.throwIfAborted();
			throw e instanceof MongoException ? new ToolFailed("MongoDB dump failed: " + e.getMessage(), e) : e;
		}
		catch (Exception e) {
			// only the abort hook's close can land here
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The database's collections and views the options select, without {@code system.*}: collections by name,
	 * then views by name (a view is created after what it reads from).
	 */
	static List<BsonDocument> collections(MongoDatabase db, DumpOptions options) {
		List<Pattern> include = options.includeTables().stream().map(MongoDump::glob).toList();
		List<Pattern> exclude = options.excludeTables().stream().map(MongoDump::glob).toList();
		List<BsonDocument> selected = new ArrayList<>();
		for (BsonDocument info : db.listCollections(BsonDocument.class)) {
			String name = info.getString("name").getValue();
			if (name.startsWith("system.")) {
				continue;
			}
			if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(name).matches())) {
				continue;
			}
			if (exclude.stream().anyMatch(p -> p.matcher(name).matches())) {
				continue;
			}
			selected.add(info);
		}
		selected.sort(Comparator.comparing((BsonDocument d) -> isView(d)).thenComparing(d -> d.getString("name").getValue()));
		return selected;
	}

	private static boolean isView(BsonDocument info) {
		BsonValue type = info.get("type");
		return type != null && type.isString() && "view".equals(type.asString().getValue());
	}

	private static Pattern glob(String glob) {
		StringBuilder regex = new StringBuilder();
		for (char c : glob.toCharArray()) {
			switch (c) {
				case '*' -> regex.append(".*");
				case '?' -> regex.append('.');
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString());
	}

	static String driverVersion() {
		String v = MongoClient.class.getPackage().getImplementationVersion();
		return v == null ? "unknown" : v;
	}
}

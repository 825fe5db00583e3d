package dev.steward.engine.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ValidationLevel;
import com.mongodb.client.model.ValidationOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.SslMode;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolAborted;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;

/** Steward's MongoDB archive round trip with mongo-java-server and the real driver. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MongoBackupIntegrationTests {

	static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

	@TempDir
	Path dir;

	MongoServer server;

	MongoClient client;

	ConnectionSpec spec;

	final MongoAdapter adapter = new MongoAdapter();

	final MongoDump dump = new MongoDump(adapter);

	final MongoRestore restore = new MongoRestore(adapter);

	@BeforeEach
	void start() {
		server = new MongoServer(new OptionKeepingBackend());
		InetSocketAddress address = server.bind();
		client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
		spec = new ConnectionSpec(EngineKind.MONGODB, "127.0.0.1", address.getPort(), "shop", null, null, SslMode.DISABLE,
				null, null, false, Map.of());
	}

	/**
	 * mongo-java-server accepts collection options (a validator) but forgets them: its listCollections answers
	 * {@code options: {}}. This backend remembers what {@code create} was given and answers it, as a real server
	 * does, so the test can see whether options survive the round trip. Everything else is the real backend.
	 */
	static final class OptionKeepingBackend extends MemoryBackend {

		final Map<String, de.bwaldvogel.mongo.bson.Document> options = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
				String command, de.bwaldvogel.mongo.bson.Document query) {
			de.bwaldvogel.mongo.bson.Document response = super.handleCommand(channel, database, command, query);
			switch (command) {
				case "create" -> {
					de.bwaldvogel.mongo.bson.Document kept = new de.bwaldvogel.mongo.bson.Document();
					query.forEach((k, v) -> {
						if (!k.equals("create") && !k.startsWith("$") && !k.equals("lsid")) {
							kept.put(k, v);
						}
					});
					options.put(database + "." + query.get("create"), kept);
				}
				case "drop" -> options.remove(database + "." + query.get("drop"));
				case "dropDatabase" -> options.keySet().removeIf(k -> k.startsWith(database + "."));
				case "listCollections" -> {
					Object cursor = response.get("cursor");
					if (cursor instanceof de.bwaldvogel.mongo.bson.Document c
							&& c.get("firstBatch") instanceof List<?> batch) {
						for (Object o : batch) {
							if (o instanceof de.bwaldvogel.mongo.bson.Document info) {
								de.bwaldvogel.mongo.bson.Document kept = options.get(database + "." + info.get("name"));
								if (kept != null) {
									info.put("options", kept);
								}
							}
						}
					}
				}
				default -> {
				}
			}
			return response;
		}
	}

	@AfterEach
	void stop() {
		client.close();
		server.shutdownNow();
	}

	/** Several collections with mixed types, nested documents, binary, dates, decimals, indexes and a capped one. */
	static void seed(MongoDatabase db) {
		List<Document> customers = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			customers.add(new Document("_id", new ObjectId()).append("name", "customer " + i)
				.append("age", i % 90)
				.append("balance", i % 3 == 0 ? (Object) (i * 1.25) : (Object) Long.valueOf(i * 1000L))
				.append("vip", i % 7 == 0)
				.append("since", Date.from(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i * 3600L)))
				.append("address", new Document("city", i % 2 == 0 ? "Oslo" : "Lyon").append("geo",
						new Document("lat", 59.9 + i / 1000.0).append("lon", List.of(10.7, i))))
				.append("tags", i % 5 == 0 ? List.of() : List.of("a", "b" + i))
				.append("photo", new Binary(BsonBinarySubType.BINARY, new byte[] { 0, (byte) i, (byte) 0xff, 0x7f }))
				.append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
				.append("price", new Decimal128(new BigDecimal("1234.5600")))
				.append("nothing", null));
		}
		db.getCollection("customers").insertMany(customers);
		db.getCollection("customers").createIndex(Indexes.ascending("name"), new IndexOptions().unique(true).name("by_name"));
		db.getCollection("customers").createIndex(Indexes.compoundIndex(Indexes.ascending("address.city"),
				Indexes.descending("age")));
		// mongo-java-server cannot create capped collections; a validator is the collection option it keeps
		db.createCollection("events", new CreateCollectionOptions().validationOptions(new ValidationOptions()
			.validator(Filters.type("at", "date")).validationLevel(ValidationLevel.MODERATE)));
		for (int i = 0; i < 50; i++) {
			db.getCollection("events").insertOne(new Document("_id", i).append("at", new Date(1_700_000_000_000L + i)));
		}
		db.getCollection("notes").insertOne(new Document("_id", "only").append("text", "ünïcødé ✓")
			.append("deep", new Document("a", new Document("b", new Document("c", List.of(1, 2, 3))))));
		db.createCollection("empty");
	}

	static Map<String, List<String>> documents(MongoDatabase db) {
		Map<String, List<String>> all = new TreeMap<>();
		for (String name : db.listCollectionNames()) {
			List<String> docs = new ArrayList<>();
			db.getCollection(name).find().sort(new Document("_id", 1)).forEach(d -> docs.add(d.toJson(CANONICAL)));
			all.put(name, docs);
		}
		return all;
	}

	static Map<String, List<String>> indexes(MongoDatabase db) {
		Map<String, List<String>> all = new TreeMap<>();
		for (String name : db.listCollectionNames()) {
			List<String> list = new ArrayList<>();
			db.getCollection(name).listIndexes(BsonDocument.class).forEach(i -> {
				i.remove("ns");
				i.remove("v");
				list.add(i.toJson());
			});
			list.sort(null);
			all.put(name, list);
		}
		return all;
	}

	static Map<String, String> options(MongoDatabase db) {
		Map<String, String> all = new TreeMap<>();
		db.listCollections(BsonDocument.class).forEach(c -> all.put(c.getString("name").getValue(),
				c.getDocument("options", new BsonDocument()).toJson()));
		return all;
	}

	byte[] backup(DumpKind kind) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DumpResult result = dump.dump(spec, DumpOptions.of(kind, dir), out, new ToolControl());
		assertThat(result.consistency()).isEqualTo(DumpConsistency.LOGICAL);
		assertThat(result.format()).isEqualTo("steward mongo archive v1");
		return out.toByteArray();
	}

	@Test
	void fullBackupRestoresIntoANewDatabaseWithIdenticalDocumentsIndexesAndOptions() throws Exception {
		MongoDatabase shop = client.getDatabase("shop");
		seed(shop);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DumpResult result = dump.dump(spec, DumpOptions.of(DumpKind.FULL, dir), out, new ToolControl());
		assertThat(result.tables()).containsExactly(new TableRows("customers", 2500, true),
				new TableRows("empty", 0, true), new TableRows("events", 50, true), new TableRows("notes", 1, true));
		byte[] archive = out.toByteArray();
		assertThat(new String(archive, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("STWMONGO");

		ArchiveListing listing = restore.inspect(() -> new ByteArrayInputStream(archive), new ToolControl());
		assertThat(listing.entries()).isEqualTo(4);
		assertThat(listing.sample()).contains("COLLECTION customers, 2 indexes (2500 documents)");

		assertThat(restore.databaseExists(spec, "shop_copy")).isFalse();
		ConnectionSpec copy = restore.createDatabase(spec, "shop_copy");
		restore.restore(copy, () -> new ByteArrayInputStream(archive), new RestoreOptions(false, 1, dir), new ToolControl());
		MongoDatabase restored = client.getDatabase("shop_copy");
		assertThat(documents(restored)).isEqualTo(documents(shop)).hasSize(4);
		assertThat(documents(restored).get("customers")).hasSize(2500);
		assertThat(indexes(restored)).isEqualTo(indexes(shop));
		assertThat(indexes(restored).get("customers")).hasSize(3).anySatisfy(i -> assertThat(i).contains("by_name")
			.contains("\"unique\": true"));
		assertThat(options(restored)).isEqualTo(options(shop));
		assertThat(options(restored).get("events")).contains("validator").contains("moderate");
		assertThat(restore.countRows(copy)).isEqualTo(result.tables());
		assertThat(restore.databaseExists(spec, "shop_copy")).isTrue();

		// without clean an existing collection stops the restore; with clean it is replaced
		assertThatThrownBy(() -> restore.restore(copy, () -> new ByteArrayInputStream(archive),
				new RestoreOptions(false, 1, dir), new ToolControl()))
			.isInstanceOf(ToolFailed.class).hasMessageContaining("already exists").hasMessageContaining("clean");
		restored.getCollection("customers").deleteMany(new Document("age", new Document("$lt", 50)));
		restored.getCollection("customers").dropIndex("by_name");
		restore.restore(copy, () -> new ByteArrayInputStream(archive), new RestoreOptions(true, 1, dir), new ToolControl());
		assertThat(documents(restored)).isEqualTo(documents(shop));
		assertThat(indexes(restored)).isEqualTo(indexes(shop));

		restore.dropDatabase(spec, "shop_copy");
		assertThat(restore.databaseExists(spec, "shop_copy")).isFalse();
	}

	@Test
	void schemaOnlyCarriesCollectionsAndIndexesAndDataOnlyCarriesDocuments() throws Exception {
		MongoDatabase shop = client.getDatabase("shop");
		seed(shop);
		byte[] schema = backup(DumpKind.SCHEMA);
		byte[] data = backup(DumpKind.DATA);

		ConnectionSpec target = restore.createDatabase(spec, "shop_schema");
		restore.restore(target, () -> new ByteArrayInputStream(schema), new RestoreOptions(false, 1, dir),
				new ToolControl());
		MongoDatabase schemaOnly = client.getDatabase("shop_schema");
		assertThat(indexes(schemaOnly)).isEqualTo(indexes(shop));
		assertThat(options(schemaOnly)).isEqualTo(options(shop));
		assertThat(restore.countRows(target)).extracting(TableRows::rows).containsOnly(0L);

		// data-only adds documents to the existing collections and keeps their indexes
		restore.restore(target, () -> new ByteArrayInputStream(data), new RestoreOptions(false, 1, dir), new ToolControl());
		assertThat(documents(schemaOnly)).isEqualTo(documents(shop));
		assertThat(indexes(schemaOnly)).isEqualTo(indexes(shop));
		// data-only with clean empties them first instead of doubling the documents
		restore.restore(target, () -> new ByteArrayInputStream(data), new RestoreOptions(true, 1, dir), new ToolControl());
		assertThat(documents(schemaOnly)).isEqualTo(documents(shop));
		assertThatThrownBy(() -> restore.restore(target, () -> new ByteArrayInputStream(data),
				new RestoreOptions(false, 1, dir), new ToolControl()))
			.isInstanceOf(ToolFailed.class).hasMessageContaining("duplicate key");
	}

	@Test
	void truncatedDamagedAndEmptyArchivesAreRefused() throws Exception {
		seed(client.getDatabase("shop"));
		byte[] archive = backup(DumpKind.FULL);
		ToolControl control = new ToolControl();
		// the end marker is the last entry: cutting anything off loses it
		for (int cut : new int[] { 1, 40, archive.length / 2, archive.length - 9 }) {
			byte[] truncated = Arrays.copyOf(archive, archive.length - cut);
			assertThatThrownBy(() -> restore.inspect(() -> new ByteArrayInputStream(truncated), control))
				.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("truncated");
		}
		byte[] trailing = Arrays.copyOf(archive, archive.length + 1);
		assertThatThrownBy(() -> restore.inspect(() -> new ByteArrayInputStream(trailing), control))
			.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("follow its end marker");
		assertThatThrownBy(() -> restore.inspect(() -> new ByteArrayInputStream("PGDMP...".getBytes()), control))
			.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("not a Steward MongoDB archive");

		// an archive without collections (written by hand: the dump refuses an empty database up front)
		ByteArrayOutputStream empty = new ByteArrayOutputStream();
		MongoArchive.Writer writer = new MongoArchive.Writer(empty);
		writer.write(MongoArchive.HEADER, BsonDocument.parse("{format: 'steward-mongo-archive', version: 1}"));
		writer.write(MongoArchive.END, BsonDocument.parse("{collections: [], documents: 0}"));
		assertThatThrownBy(() -> restore.inspect(() -> new ByteArrayInputStream(empty.toByteArray()), control))
			.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("no collections");
		assertThatThrownBy(() -> dump.preflight(spec.withDatabase("nothing_here"), DumpOptions.of(DumpKind.FULL, dir)))
			.isInstanceOf(ToolUnavailable.class).hasMessageContaining("holds no collections");
		assertThatThrownBy(() -> dump.preflight(spec.withDatabase(null), DumpOptions.of(DumpKind.FULL, dir)))
			.isInstanceOf(ToolUnavailable.class).hasMessageContaining("names no database");

		// an end marker that disagrees with the documents before it
		ByteArrayOutputStream lying = new ByteArrayOutputStream();
		writer = new MongoArchive.Writer(lying);
		writer.write(MongoArchive.HEADER, BsonDocument.parse("{format: 'steward-mongo-archive', version: 1}"));
		writer.write(MongoArchive.COLLECTION, BsonDocument.parse("{name: 'a', type: 'collection', withSchema: false}"));
		writer.write(MongoArchive.DOCUMENT, BsonDocument.parse("{_id: 1}"));
		writer.write(MongoArchive.END, BsonDocument.parse("{collections: [{name: 'a', documents: 2}], documents: 2}"));
		assertThatThrownBy(() -> restore.inspect(() -> new ByteArrayInputStream(lying.toByteArray()), control))
			.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("end marker lists");
	}

	@Test
	void filtersSelectCollectionsAndAnAbortStopsTheDump() throws Exception {
		seed(client.getDatabase("shop"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DumpOptions options = new DumpOptions(DumpKind.FULL, List.of(), List.of(), List.of("e*"), List.of("empty"), dir);
		assertThat(dump.dump(spec, options, out, new ToolControl()).tables()).extracting(TableRows::name)
			.containsExactly("events");
		assertThatThrownBy(() -> dump.preflight(spec, new DumpOptions(DumpKind.FULL, List.of("public"), List.of(),
				List.of(), List.of(), dir))).isInstanceOf(ToolUnavailable.class).hasMessageContaining("no schemas");

		ToolControl control = new ToolControl();
		java.io.OutputStream abortingSink = new java.io.OutputStream() {
			long written;

			@Override
			public void write(int b) {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				written += len;
				if (written > 10_000) {
					control.abort("Cancelled by test");
				}
			}
		};
		assertThatThrownBy(() -> dump.dump(spec, DumpOptions.of(DumpKind.FULL, dir), abortingSink, control))
			.isInstanceOf(ToolAborted.class).hasMessage("Cancelled by test");
	}
}

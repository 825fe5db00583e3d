package dev.steward.engine.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ConstraintInfo;
import dev.steward.engine.CatalogModel.ConstraintType;
import dev.steward.engine.CatalogModel.DatabaseInfo;
import dev.steward.engine.CatalogModel.IndexInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SchemaInfo;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogModel.TableStats;
import dev.steward.engine.CatalogTarget;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.EngineKind;
import dev.steward.engine.support.MongoTargetPool;

/**
 * MongoDB: databases → collections and views; a collection's "columns" are field paths inferred from a
 * sample of documents ({@link CatalogTarget#sampleSize()}), each with the BSON types seen and how often the
 * field is present. Collection names are filtered by the server (a quoted regex); the server has no paging
 * for listCollections, so the page is cut from the name list, which is all it sends.
 */
@Component
class MongoCatalog implements CatalogIntrospector {

	static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

	private static final JsonWriterSettings JSON = JsonWriterSettings.builder().indent(true).build();

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	private static MongoClient client(CatalogTarget target) {
		if (target.pool() instanceof MongoTargetPool mongo) {
			return mongo.client();
		}
		throw new CapabilityUnsupported(EngineKind.MONGODB, MongoTargetPool.class);
	}

	private static <T> T call(java.util.function.Supplier<T> work) {
		try {
			return work.get();
		}
		catch (MongoException e) {
			throw new CatalogUnavailable("MongoDB could not answer: " + e.getMessage(), e);
		}
	}

	@Override
	public List<DatabaseInfo> databases(CatalogTarget target) {
		String own = target.spec().database();
		return call(() -> {
			List<DatabaseInfo> out = new ArrayList<>();
			try {
				for (Document d : client(target).listDatabases().maxTime(target.statementTimeout().toMillis(),
						TimeUnit.MILLISECONDS)) {
					Object size = d.get("sizeOnDisk");
					out.add(new DatabaseInfo(d.getString("name"), size instanceof Number n ? n.longValue() : null,
							d.getString("name").equals(own), null));
				}
			}
			catch (MongoCommandException e) {
				// a user limited to one database may not list them all
				if (own == null) {
					throw e;
				}
			}
			if (own != null && out.stream().noneMatch(DatabaseInfo::isDefault)) {
				out.add(0, new DatabaseInfo(own, null, true, null));
			}
			return out;
		});
	}

	@Override
	public List<SchemaInfo> schemas(CatalogTarget target, String database) {
		return call(() -> {
			Map<String, Long> counts = new LinkedHashMap<>();
			for (Document c : client(target).getDatabase(database).listCollections()
				.maxTime(target.statementTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				counts.merge("view".equals(c.getString("type")) ? "view" : "collection", 1L, Long::sum);
			}
			return List.of(new SchemaInfo(database, null, null, counts));
		});
	}

	private record Coll(String name, String type, Document info) {
	}

	private static List<Coll> collections(CatalogTarget target, String database, @Nullable String q) {
		var filter = q == null || q.isBlank() ? new Document()
				: Filters.regex("name", Pattern.quote(q.trim()), "i");
		List<Coll> out = new ArrayList<>();
		for (Document c : client(target).getDatabase(database).listCollections().filter(filter)
			.maxTime(target.statementTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
			String name = c.getString("name");
			// checked here too: not every server applies a regex filter to listCollections
			boolean matches = q == null || q.isBlank()
					|| name.toLowerCase(java.util.Locale.ROOT).contains(q.trim().toLowerCase(java.util.Locale.ROOT));
			if (!name.startsWith("system.") && matches) {
				out.add(new Coll(name, c.getString("type") == null ? "collection" : c.getString("type"), c));
			}
		}
		out.sort(Comparator.comparing(Coll::name));
		return out;
	}

	@Override
	public ObjectPage objects(CatalogTarget target, ObjectQuery q) {
		return call(() -> {
			ObjectKind kind = q.kind();
			List<Coll> all = collections(target, q.schema(), q.q()).stream()
				.filter(c -> kind == null || (kind == ObjectKind.VIEW) == c.type().equals("view")
						&& (kind == ObjectKind.VIEW || kind == ObjectKind.COLLECTION || kind == ObjectKind.TABLE))
				.toList();
			MongoDatabase db = client(target).getDatabase(q.schema());
			List<Coll> ordered = new ArrayList<>(all);
			if (q.descending()) {
				java.util.Collections.reverse(ordered);
			}
			int from = (int) Math.min(ordered.size(), (long) q.page() * q.size());
			int to = Math.min(ordered.size(), from + q.size());
			List<ObjectSummary> items = ordered.subList(from, to).stream().map(c -> {
				boolean view = c.type().equals("view");
				Long rows = view ? null : db.getCollection(c.name()).estimatedDocumentCount();
				return new ObjectSummary(c.name(), q.schema(), view ? ObjectKind.VIEW : ObjectKind.COLLECTION, rows, null,
						null, view ? "view on " + c.info().get("options", Document.class).getString("viewOn") : null,
						null, null);
			}).toList();
			return new ObjectPage(items, all.size());
		});
	}

	@Override
	public Optional<ObjectDetail> object(CatalogTarget target, ObjectRef ref) {
		return call(() -> {
			MongoDatabase db = client(target).getDatabase(ref.schema());
			Optional<Coll> found = find(db, ref.name(), target.statementTimeout());
			if (found.isEmpty()) {
				return Optional.empty();
			}
			Coll coll = found.get();
			boolean view = coll.type().equals("view");
			MongoCollection<BsonDocument> collection = db.getCollection(coll.name(), BsonDocument.class);
			List<BsonDocument> sample = sample(collection, target.sampleSize(), target.statementTimeout());
			List<IndexInfo> indexes = view ? List.of() : indexes(collection);
			List<ColumnInfo> fields = inferFields(sample, indexes);
			Map<String, String> props = new LinkedHashMap<>();
			props.put("sampledDocuments", String.valueOf(sample.size()));
			TableStats stats = view ? TableStats.none() : stats(db, coll.name(), collection, props);
			Document options = coll.info().get("options", Document.class);
			String definition = view && options != null ? options.toJson(JSON) : null;
			List<ConstraintInfo> constraints = view ? List.of()
					: List.of(new ConstraintInfo("_id_", ConstraintType.PRIMARY_KEY, List.of("_id"), null));
			ObjectSummary summary = new ObjectSummary(coll.name(), ref.schema(), view ? ObjectKind.VIEW
					: ObjectKind.COLLECTION, stats.approxRows(), stats.totalBytes(), null,
					view && options != null ? "view on " + options.getString("viewOn") : null, null, null);
			return Optional.of(new ObjectDetail(summary, fields, constraints, List.of(), List.of(), indexes, List.of(),
					stats, definition, List.of(), props));
		});
	}

	private static Optional<Coll> find(MongoDatabase db, String name, Duration timeout) {
		for (Document c : db.listCollections().filter(Filters.eq("name", name)).maxTime(timeout.toMillis(),
				TimeUnit.MILLISECONDS)) {
			if (!name.equals(c.getString("name"))) {
				continue; // not every server applies the filter
			}
			return Optional.of(new Coll(c.getString("name"), c.getString("type") == null ? "collection"
					: c.getString("type"), c));
		}
		return Optional.empty();
	}

	private static List<BsonDocument> sample(MongoCollection<BsonDocument> collection, int size, Duration timeout) {
		List<BsonDocument> out = new ArrayList<>();
		try {
			collection.aggregate(List.of(Aggregates.sample(size))).maxTime(timeout.toMillis(), TimeUnit.MILLISECONDS)
				.into(out);
		}
		catch (MongoException e) {
			// servers (and test doubles) without $sample: the first documents will do
			out.clear();
			collection.find().limit(size).maxTime(timeout.toMillis(), TimeUnit.MILLISECONDS).into(out);
		}
		return out;
	}

	private static List<IndexInfo> indexes(MongoCollection<BsonDocument> collection) {
		List<IndexInfo> out = new ArrayList<>();
		for (BsonDocument index : collection.listIndexes(BsonDocument.class)) {
			BsonDocument key = index.getDocument("key", new BsonDocument());
			List<String> columns = key.entrySet().stream().map(e -> e.getKey() + " (" + keyValue(e.getValue()) + ")")
				.toList();
			String name = index.getString("name").getValue();
			boolean unique = index.getBoolean("unique", org.bson.BsonBoolean.FALSE).getValue() || name.equals("_id_");
			BsonDocument partial = index.containsKey("partialFilterExpression")
					? index.getDocument("partialFilterExpression") : null;
			String method = key.values().stream().filter(BsonValue::isString).map(v -> v.asString().getValue())
				.findFirst().orElse(null);
			out.add(new IndexInfo(name, columns, unique, name.equals("_id_"), method,
					partial == null ? null : partial.toJson(), index.toJson(), null));
		}
		return out;
	}

	private static String keyValue(BsonValue v) {
		if (v.isString()) {
			return v.asString().getValue();
		}
		if (v.isNumber()) {
			return String.valueOf(v.asNumber().intValue());
		}
		return v.toString();
	}

	private static TableStats stats(MongoDatabase db, String name, MongoCollection<BsonDocument> collection,
			Map<String, String> props) {
		try {
			Document s = db.runCommand(new Document("collStats", name));
			Long count = number(s.get("count"));
			Long size = number(s.get("size"));
			Long storage = number(s.get("storageSize"));
			Long indexSize = number(s.get("totalIndexSize"));
			putIf(props, "storageSize", storage);
			putIf(props, "averageDocumentSize", number(s.get("avgObjSize")));
			putIf(props, "indexCount", number(s.get("nindexes")));
			return new TableStats(count, size == null ? null : size + (indexSize == null ? 0 : indexSize), size,
					indexSize, null, null, null, null, null, Map.copyOf(props));
		}
		catch (MongoException e) {
			long count = collection.estimatedDocumentCount();
			return new TableStats(count, null, null, null, null, null, null, null, null, Map.copyOf(props));
		}
	}

	private static void putIf(Map<String, String> props, String key, @Nullable Long value) {
		if (value != null) {
			props.put(key, value.toString());
		}
	}

	private static @Nullable Long number(@Nullable Object o) {
		return o instanceof Number n ? n.longValue() : null;
	}

	/** Field paths of the sampled documents (nested documents with dots, array elements under the array's path). */
	static List<ColumnInfo> inferFields(List<BsonDocument> sample, List<IndexInfo> indexes) {
		Map<String, Map<String, Long>> types = new LinkedHashMap<>();
		Map<String, Long> presence = new LinkedHashMap<>();
		for (BsonDocument doc : sample) {
			Map<String, Set<String>> seen = new LinkedHashMap<>();
			walk("", doc, seen);
			seen.forEach((path, ts) -> {
				presence.merge(path, 1L, Long::sum);
				ts.forEach(t -> types.computeIfAbsent(path, k -> new TreeMap<>()).merge(t, 1L, Long::sum));
			});
		}
		Set<String> indexed = new java.util.HashSet<>();
		indexes.forEach(i -> i.columns().forEach(c -> indexed.add(c.substring(0, c.lastIndexOf(" (")))));
		Set<String> unique = new java.util.HashSet<>();
		indexes.stream().filter(i -> i.unique() && i.columns().size() == 1)
			.forEach(i -> unique.add(i.columns().get(0).substring(0, i.columns().get(0).lastIndexOf(" ("))));
		List<ColumnInfo> out = new ArrayList<>();
		int position = 1;
		int total = Math.max(1, sample.size());
		for (String path : presence.keySet()) {
			Map<String, Long> t = types.getOrDefault(path, Map.of());
			String dataType = t.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.map(Map.Entry::getKey).reduce((a, b) -> a + " | " + b).orElse("unknown");
			double ratio = presence.get(path) / (double) total;
			out.add(new ColumnInfo(position++, path, dataType, ratio < 1.0 || t.containsKey("null"), null, null, null,
					null, null, path.equals("_id"), false, unique.contains(path), indexed.contains(path), Map.copyOf(t),
					ratio));
		}
		return out;
	}

	private static void walk(String prefix, BsonDocument doc, Map<String, Set<String>> seen) {
		for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
			String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
			record(path, e.getValue(), seen);
		}
	}

	private static void record(String path, BsonValue value, Map<String, Set<String>> seen) {
		seen.computeIfAbsent(path, k -> new java.util.TreeSet<>()).add(typeName(value.getBsonType()));
		if (value.isDocument()) {
			walk(path, value.asDocument(), seen);
		}
		else if (value.isArray()) {
			BsonArray array = value.asArray();
			for (BsonValue element : array) {
				if (element.isDocument()) {
					walk(path, element.asDocument(), seen);
				}
			}
		}
	}

	/** The type names MongoDB's own {@code $type} operator uses. */
	static String typeName(BsonType type) {
		return switch (type) {
			case DOUBLE -> "double";
			case STRING -> "string";
			case DOCUMENT -> "object";
			case ARRAY -> "array";
			case BINARY -> "binData";
			case OBJECT_ID -> "objectId";
			case BOOLEAN -> "bool";
			case DATE_TIME -> "date";
			case NULL -> "null";
			case REGULAR_EXPRESSION -> "regex";
			case JAVASCRIPT -> "javascript";
			case INT32 -> "int";
			case TIMESTAMP -> "timestamp";
			case INT64 -> "long";
			case DECIMAL128 -> "decimal";
			case MIN_KEY -> "minKey";
			case MAX_KEY -> "maxKey";
			default -> type.name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	@Override
	public Optional<String> ddl(CatalogTarget target, ObjectRef ref) {
		return call(() -> {
			MongoDatabase db = client(target).getDatabase(ref.schema());
			Optional<Coll> found = find(db, ref.name(), target.statementTimeout());
			if (found.isEmpty()) {
				return Optional.empty();
			}
			// Mongo has no DDL: the collection's creation options and its indexes, as the server reports them
			Document out = new Document("name", found.get().name()).append("type", found.get().type())
				.append("options", found.get().info().get("options", new Document()));
			if (!found.get().type().equals("view")) {
				List<Document> indexes = new ArrayList<>();
				db.getCollection(found.get().name()).listIndexes().into(indexes);
				out.append("indexes", indexes);
			}
			return Optional.of(out.toJson(JSON));
		});
	}

	@Override
	public Optional<Long> exactCount(CatalogTarget target, ObjectRef ref, Duration timeout) {
		return call(() -> {
			MongoDatabase db = client(target).getDatabase(ref.schema());
			if (find(db, ref.name(), target.statementTimeout()).isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(db.getCollection(ref.name()).countDocuments(new Document(),
					new CountOptions().maxTime(timeout.toMillis(), TimeUnit.MILLISECONDS)));
		});
	}

	@Override
	public List<SnapshotObject> snapshot(CatalogTarget target) {
		return call(() -> {
			List<String> dbs = target.spec().database() != null ? List.of(target.spec().database())
					: databases(target).stream().map(DatabaseInfo::name).filter(n -> !SYSTEM_DATABASES.contains(n))
						.toList();
			List<SnapshotObject> out = new ArrayList<>();
			for (String name : dbs) {
				MongoDatabase db = client(target).getDatabase(name);
				for (Coll c : collections(target, name, null)) {
					boolean view = c.type().equals("view");
					MongoCollection<BsonDocument> coll = db.getCollection(c.name(), BsonDocument.class);
					List<ColumnInfo> fields = inferFields(sample(coll, target.sampleSize(), target.statementTimeout()),
							List.of());
					List<SnapshotColumn> columns = fields.stream().map(f -> new SnapshotColumn(f.name(), f.position(),
							f.dataType(), f.nullable(), f.primaryKey())).toList();
					List<SnapshotKey> keys = view ? List.of()
							: List.of(new SnapshotKey("_id_", "PRIMARY_KEY", List.of("_id"), null, null, List.of()));
					out.add(new SnapshotObject(name, name, c.name(), view ? ObjectKind.VIEW : ObjectKind.COLLECTION,
							view ? null : coll.estimatedDocumentCount(), null, columns, keys));
				}
			}
			return out;
		});
	}
}

package dev.steward.engine.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.CatalogTarget;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.EngineKind;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.ResultColumn.ValueKind;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.TableData.ChangeResult;
import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.Page;
import dev.steward.engine.TableData.PageRequest;
import dev.steward.engine.TableData.Paging;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.RowConflict;
import dev.steward.engine.TableData.Statement;
import dev.steward.engine.TableDataCapability;
import dev.steward.engine.support.MongoTargetPool;

/**
 * The data grid on MongoDB: one column per top-level field, rows paged by {@code _id} (keyset) when unsorted or
 * sorted by {@code _id}, by position when sorted by another field. Filter values become BSON values (never query
 * text); edits address documents by {@code _id} after checking their original values. A standalone server has no
 * multi-document transactions, so every change is checked before the first is written.
 */
@Component
public class MongoTableData implements TableDataCapability {

	private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

	private static final String ID = "_id";

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	private static MongoCollection<BsonDocument> collection(CatalogTarget target, Relation r) {
		if (target.pool() instanceof MongoTargetPool mongo) {
			return mongo.client().getDatabase(r.schema()).getCollection(r.name(), BsonDocument.class);
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
	public Page read(CatalogTarget target, PageRequest request) {
		Relation r = request.relation();
		boolean keyset = request.sort() == null || request.sort().column().equals(ID);
		boolean descending = request.sort() != null && request.sort().descending();
		BsonDocument filter = filter(request.filters());
		if (keyset && request.after() != null && !request.after().isEmpty()) {
			String last = request.after().getLast();
			filter = and(filter, new BsonDocument(ID, new BsonDocument(descending ? "$lt" : "$gt", parse(last))));
		}
		BsonDocument query = filter;
		return call(() -> {
			FindIterable<BsonDocument> find = collection(target, r).find(query)
				.maxTime(target.statementTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.limit(request.limit() + 1);
			if (keyset) {
				find.sort(new BsonDocument(ID, new org.bson.BsonInt32(descending ? -1 : 1)));
			}
			else {
				find.sort(new BsonDocument(request.sort().column(), new org.bson.BsonInt32(descending ? -1 : 1))
					.append(ID, new org.bson.BsonInt32(1))).skip((int) Math.min(Integer.MAX_VALUE, request.offset()));
			}
			List<BsonDocument> docs = find.into(new ArrayList<>());
			boolean more = docs.size() > request.limit();
			if (more) {
				docs.removeLast();
			}
			List<String> names = fieldNames(r, docs);
			List<ResultColumn> columns = names.stream().map(n -> new ResultColumn(n, type(docs, n), kind(docs, n)))
				.toList();
			List<List<@Nullable String>> rows = docs.stream()
				.map(d -> names.stream().map(n -> render(d.get(n))).toList())
				.toList();
			List<@Nullable String> next = keyset && more ? java.util.Collections.singletonList(render(
					docs.getLast().get(ID))) : null;
			return new Page(columns, rows, keyset ? Paging.KEYSET : Paging.OFFSET, more, next);
		});
	}

	private static List<String> fieldNames(Relation r, List<BsonDocument> docs) {
		java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
		names.add(ID);
		// top-level fields only: the catalog lists nested paths (a.b) too
		r.columns().stream().map(c -> c.name()).filter(n -> !n.contains(".")).forEach(names::add);
		docs.forEach(d -> names.addAll(d.keySet()));
		return List.copyOf(names);
	}

	private static @Nullable BsonValue first(List<BsonDocument> docs, String name) {
		return docs.stream().map(d -> d.get(name)).filter(v -> v != null && !v.isNull()).findFirst().orElse(null);
	}

	private static String type(List<BsonDocument> docs, String name) {
		BsonValue v = first(docs, name);
		return v == null ? "" : v.getBsonType().name().toLowerCase(java.util.Locale.ROOT);
	}

	private static ValueKind kind(List<BsonDocument> docs, String name) {
		BsonValue v = first(docs, name);
		if (v == null) {
			return ValueKind.TEXT;
		}
		if (v.isNumber() || v.isDecimal128()) {
			return ValueKind.NUMBER;
		}
		if (v.isBoolean()) {
			return ValueKind.BOOLEAN;
		}
		if (v.isDateTime()) {
			return ValueKind.TEMPORAL;
		}
		return v.isString() ? ValueKind.TEXT : ValueKind.JSON;
	}

	/** Strings as they are, numbers and booleans as text, anything else as relaxed extended JSON. */
	static @Nullable String render(@Nullable BsonValue v) {
		if (v == null || v.isNull()) {
			return null;
		}
		if (v.isString()) {
			return v.asString().getValue();
		}
		if (v.isInt32()) {
			return Integer.toString(v.asInt32().getValue());
		}
		if (v.isInt64()) {
			return Long.toString(v.asInt64().getValue());
		}
		if (v.isDouble()) {
			return new java.math.BigDecimal(v.asDouble().getValue()).stripTrailingZeros().toPlainString();
		}
		if (v.isDecimal128()) {
			return v.asDecimal128().getValue().bigDecimalValue().toPlainString();
		}
		if (v.isBoolean()) {
			return Boolean.toString(v.asBoolean().getValue());
		}
		String json = new BsonDocument("v", v).toJson(JSON);
		return json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
	}

	/**
	 * A value as the client typed it: extended JSON for documents and arrays ({@code {"$oid": …}}), a number when it
	 * reads as one, {@code true}/{@code false}, otherwise a string.
	 */
	static BsonValue parse(@Nullable String s) {
		if (s == null) {
			return BsonNull.VALUE;
		}
		String t = s.trim();
		if (t.startsWith("{") || t.startsWith("[")) {
			try {
				return BsonDocument.parse("{\"v\": " + t + "}").get("v");
			}
			catch (RuntimeException e) {
				return new BsonString(s);
			}
		}
		if (t.matches("-?\\d{1,18}")) {
			long n = Long.parseLong(t);
			return n == (int) n ? new org.bson.BsonInt32((int) n) : new BsonInt64(n);
		}
		if (t.matches("-?\\d+\\.\\d+")) {
			return new BsonDouble(Double.parseDouble(t));
		}
		if (t.equals("true") || t.equals("false")) {
			return BsonBoolean.valueOf(Boolean.parseBoolean(t));
		}
		return new BsonString(s);
	}

	/** Equality matches the typed value and the same text as a string, since the client sends text. */
	private static BsonValue loose(@Nullable String s) {
		BsonValue v = parse(s);
		return v.isString() || v.isNull() ? v : new BsonDocument("$in", new BsonArray(List.of(v, new BsonString(
				Objects.requireNonNull(s)))));
	}

	private static BsonDocument filter(List<Filter> filters) {
		List<BsonValue> parts = new ArrayList<>();
		for (Filter f : filters) {
			String c = f.column();
			@Nullable String value = f.values().isEmpty() ? null : f.values().getFirst();
			BsonValue cond = switch (f.op()) {
				case EQ -> loose(value);
				case NE -> new BsonDocument("$nin", new BsonArray(List.of(parse(value), new BsonString(String
					.valueOf(value)))));
				case LT -> new BsonDocument("$lt", parse(value));
				case LE -> new BsonDocument("$lte", parse(value));
				case GT -> new BsonDocument("$gt", parse(value));
				case GE -> new BsonDocument("$gte", parse(value));
				case CONTAINS -> new BsonRegularExpression(Pattern.quote(String.valueOf(value)), "i");
				case STARTS_WITH -> new BsonRegularExpression("^" + Pattern.quote(String.valueOf(value)), "i");
				case IS_NULL -> BsonNull.VALUE;
				case NOT_NULL -> new BsonDocument("$ne", BsonNull.VALUE);
				case IN -> new BsonDocument("$in", new BsonArray(f.values().stream().flatMap(v -> {
					BsonValue p = parse(v);
					return p.isString() ? java.util.stream.Stream.of(p) : java.util.stream.Stream.of(p,
							new BsonString(String.valueOf(v)));
				}).toList()));
			};
			parts.add(new BsonDocument(c, cond));
		}
		return parts.isEmpty() ? new BsonDocument() : new BsonDocument("$and", new BsonArray(parts));
	}

	private static BsonDocument and(BsonDocument a, BsonDocument b) {
		return a.isEmpty() ? b : new BsonDocument("$and", new BsonArray(List.of(a, b)));
	}

	@Override
	public long count(CatalogTarget target, Relation relation, List<Filter> filters, Duration timeout) {
		return call(() -> collection(target, relation).countDocuments(filter(filters),
				new com.mongodb.client.model.CountOptions().maxTime(timeout.toMillis(), TimeUnit.MILLISECONDS)));
	}

	@Override
	public List<Statement> plan(Relation relation, List<RowChange> changes) {
		String name = new BsonDocument("n", new BsonString(relation.name())).toJson(JSON);
		String coll = "db.getCollection(" + name.substring(name.indexOf(':') + 1, name.length() - 1).trim() + ")";
		return changes.stream().map(c -> new Statement(switch (c.kind()) {
			case INSERT -> coll + ".insertOne(" + json(values(c.values(), null)) + ")";
			case UPDATE -> coll + ".updateOne(" + json(idFilter(c)) + ", " + json(new BsonDocument("$set",
					values(c.values(), null))) + ")";
			case DELETE -> coll + ".deleteOne(" + json(idFilter(c)) + ")";
		}, List.of())).toList();
	}

	private static String json(BsonDocument d) {
		return d.toJson(JSON);
	}

	private static BsonDocument idFilter(RowChange c) {
		return new BsonDocument(ID, parse(c.key().get(ID)));
	}

	/** New values, typed like the field's current value where there is one ({@code current}). */
	private static BsonDocument values(Map<String, @Nullable String> values, @Nullable BsonDocument current) {
		BsonDocument out = new BsonDocument();
		values.forEach((k, v) -> {
			BsonValue now = current == null ? null : current.get(k);
			out.append(k, now != null && now.isString() && v != null ? new BsonString(v) : parse(v));
		});
		return out;
	}

	@Override
	public ChangeResult apply(CatalogTarget target, Relation relation, List<RowChange> changes) {
		return call(() -> {
			MongoCollection<BsonDocument> coll = collection(target, relation);
			Map<Integer, BsonDocument> current = new LinkedHashMap<>();
			for (int i = 0; i < changes.size(); i++) {
				RowChange c = changes.get(i);
				if (c.kind() == dev.steward.engine.TableData.ChangeKind.INSERT) {
					continue;
				}
				BsonDocument doc = coll.find(idFilter(c)).first();
				if (doc == null) {
					throw new RowConflict(i, "Document " + c.key() + " no longer exists");
				}
				for (Map.Entry<String, @Nullable String> e : c.original().entrySet()) {
					String now = render(doc.get(e.getKey()));
					if (!Objects.equals(now, e.getValue())) {
						throw new RowConflict(i, "Document " + c.key() + " changed since it was read: " + e.getKey()
								+ " is now " + (now == null ? "null" : "'" + now + "'"));
					}
				}
				current.put(i, doc);
			}
			int updated = 0;
			int inserted = 0;
			int deleted = 0;
			try {
				for (int i = 0; i < changes.size(); i++) {
					RowChange c = changes.get(i);
					switch (c.kind()) {
						case INSERT -> {
							coll.insertOne(values(c.values(), null));
							inserted++;
						}
						case UPDATE -> updated += (int) coll.updateOne(idFilter(c), new BsonDocument("$set",
								values(c.values(), current.get(i)))).getModifiedCount();
						case DELETE -> deleted += (int) coll.deleteOne(idFilter(c)).getDeletedCount();
					}
				}
			}
			catch (MongoException e) {
				throw new StatementFailed(e.getMessage(), null, null, false, e);
			}
			return new ChangeResult(updated, inserted, deleted);
		});
	}
}

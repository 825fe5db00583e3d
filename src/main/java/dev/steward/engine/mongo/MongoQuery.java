package dev.steward.engine.mongo;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.EngineKind;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.QueryPlan;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.ResultColumn.ValueKind;
import dev.steward.engine.ScriptStatement;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;
import dev.steward.engine.support.ScriptSplitter;

/**
 * The MongoDB console: shell-style commands ({@link MongoShellCommand}) on a client of its own, documents streamed
 * from the server's cursor in batches, one JSON column per document. Read-only sessions run only commands that
 * read (find, countDocuments, distinct, aggregate without {@code $out}/{@code $merge}). Cancel closes the cursor.
 */
@Component
public class MongoQuery implements QueryCapability {

	private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

	private final MongoAdapter adapter;

	public MongoQuery(MongoAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	/** The shell form the console parses; a collection name it cannot carry is refused. */
	@Override
	public String selectAll(@org.jspecify.annotations.Nullable String schema, String table) {
		if (!table.matches("[^.()\\s]+")) {
			throw new dev.steward.engine.CapabilityUnsupported(engine(), QueryCapability.class);
		}
		return "db." + table + ".find({})";
	}

	@Override
	public List<ScriptStatement> split(String script) {
		return ScriptSplitter.mysql().split(script);
	}

	@Override
	public ConsoleSession open(ConnectionSpec spec, ConsoleOptions options) {
		String database = options.database() != null ? options.database()
				: spec.database() != null ? spec.database() : "test";
		return new Session(adapter.dedicatedClient(spec), database, options.readOnly());
	}

	/**
	 * The server's {@code explain} of a find, aggregate, count or distinct: {@code queryPlanner} verbosity, or with
	 * {@code analyze} {@code executionStats} (the query runs; explain never writes, and an aggregation with
	 * {@code $out}/{@code $merge} is refused so that nothing can). A server without the command answers with its own
	 * error.
	 */
	@Override
	public QueryPlan explain(ConsoleSession session, String sql, boolean analyze) {
		if (!(session instanceof Session mongo)) {
			throw new IllegalArgumentException("Not a MongoDB console session");
		}
		return mongo.explain(sql, analyze);
	}

	private static final class Session implements ConsoleSession {

		private final MongoClient client;

		private final MongoDatabase database;

		private final boolean readOnly;

		private volatile @Nullable MongoCursor<?> running;

		private volatile boolean cancelled;

		private volatile boolean closed;

		Session(MongoClient client, String database, boolean readOnly) {
			this.client = client;
			this.database = client.getDatabase(database);
			this.readOnly = readOnly;
		}

		@Override
		public StatementResult execute(String sql, int fetchSize) {
			cancelled = false;
			MongoShellCommand command = MongoShellCommand.parse(sql);
			if (readOnly && !command.readsOnly()) {
				throw MongoShellCommand.refused("This console session is read-only: only find, countDocuments, "
						+ "distinct and aggregate without $out/$merge run");
			}
			try {
				MongoCollection<BsonDocument> coll = command.kind() == MongoShellCommand.Kind.COMMAND ? null
						: database.getCollection(command.collection(), BsonDocument.class);
				List<BsonValue> args = command.args();
				return switch (command.kind()) {
					case FIND -> cursor(find(coll, args, command.modifiers(), fetchSize).cursor());
					case AGGREGATE -> cursor(coll.aggregate(pipeline(args), BsonDocument.class).batchSize(fetchSize)
						.cursor());
					case COUNT -> single("count", ValueKind.NUMBER,
							Long.toString(coll.countDocuments(document(args, 0))));
					case DISTINCT -> distinct(coll, args);
					case COMMAND -> single("result", ValueKind.JSON, database.runCommand(command.command(),
							BsonDocument.class).toJson(JSON));
				};
			}
			catch (MongoException | IllegalArgumentException e) {
				throw new StatementFailed(String.valueOf(e.getMessage()), null, null, cancelled, e);
			}
		}

		QueryPlan explain(String text, boolean analyze) {
			MongoShellCommand command = MongoShellCommand.parse(text);
			if (command.writesWhenRun()) {
				throw MongoShellCommand.refused("An aggregation with $out or $merge is not explained: it would write");
			}
			BsonDocument explain = new BsonDocument("explain", command.explainable()).append("verbosity",
					new BsonString(analyze ? "executionStats" : "queryPlanner"));
			try {
				return MongoPlans.of(database.runCommand(explain, BsonDocument.class), analyze);
			}
			catch (MongoException e) {
				throw new StatementFailed(String.valueOf(e.getMessage()), null, null, false, e);
			}
		}

		private static FindIterable<BsonDocument> find(MongoCollection<BsonDocument> coll, List<BsonValue> args,
				List<MongoShellCommand.Modifier> modifiers, int fetchSize) {
			FindIterable<BsonDocument> find = coll.find(document(args, 0)).batchSize(fetchSize);
			if (args.size() > 1) {
				find = find.projection(document(args, 1));
			}
			for (MongoShellCommand.Modifier m : modifiers) {
				find = switch (m.name()) {
					case "sort" -> find.sort(m.value().asDocument());
					case "skip" -> find.skip(m.value().asNumber().intValue());
					default -> find.limit(m.value().asNumber().intValue());
				};
			}
			return find;
		}

		private static BsonDocument document(List<BsonValue> args, int index) {
			if (args.size() <= index) {
				return new BsonDocument();
			}
			if (!args.get(index).isDocument()) {
				throw new IllegalArgumentException("Argument " + (index + 1) + " must be a document");
			}
			return args.get(index).asDocument();
		}

		private static List<BsonDocument> pipeline(List<BsonValue> args) {
			if (args.isEmpty() || !args.getFirst().isArray()) {
				throw new IllegalArgumentException("aggregate takes an array of stages");
			}
			return args.getFirst().asArray().stream().map(BsonValue::asDocument).toList();
		}

		private StatementResult distinct(MongoCollection<BsonDocument> coll, List<BsonValue> args) {
			if (args.isEmpty() || !args.getFirst().isString()) {
				throw new IllegalArgumentException("distinct takes a field name");
			}
			List<List<@Nullable String>> rows = new ArrayList<>();
			for (BsonValue v : coll.distinct(args.getFirst().asString().getValue(), document(args, 1), BsonValue.class)) {
				rows.add(java.util.Collections.singletonList(new BsonDocument("v", v).toJson(JSON)
					.replaceFirst("^\\{\\s*\"v\"\\s*:\\s*", "").replaceFirst("\\s*}$", "")));
			}
			return new Fixed(List.of(new ResultColumn("value", "bson", ValueKind.JSON)), rows);
		}

		private StatementResult single(String name, ValueKind kind, String value) {
			return new Fixed(List.of(new ResultColumn(name, kind == ValueKind.NUMBER ? "long" : "document", kind)),
					List.of(List.of(value)));
		}

		private StatementResult cursor(MongoCursor<BsonDocument> cursor) {
			running = cursor;
			return new Streamed(cursor);
		}

		@Override
		public void cancel() {
			cancelled = true;
			MongoCursor<?> cursor = running;
			if (cursor != null) {
				cursor.close();
			}
		}

		@Override
		public boolean inTransaction() {
			return false;
		}

		@Override
		public boolean isOpen() {
			return !closed;
		}

		@Override
		public void close() {
			closed = true;
			cancel();
			client.close();
		}

		private final class Streamed implements StatementResult {

			private final MongoCursor<BsonDocument> cursor;

			private boolean exhausted;

			Streamed(MongoCursor<BsonDocument> cursor) {
				this.cursor = cursor;
			}

			@Override
			public List<ResultColumn> columns() {
				return List.of(new ResultColumn("document", "document", ValueKind.JSON));
			}

			@Override
			public long updateCount() {
				return -1;
			}

			@Override
			public List<String> notices() {
				return List.of();
			}

			@Override
			public List<List<@Nullable String>> fetch(int max) {
				List<List<@Nullable String>> rows = new ArrayList<>();
				try {
					while (rows.size() < max && !exhausted) {
						if (cursor.hasNext()) {
							rows.add(List.of(cursor.next().toJson(JSON)));
						}
						else {
							exhausted = true;
						}
					}
				}
				catch (MongoException | IllegalStateException e) {
					exhausted = true;
					throw new StatementFailed(String.valueOf(e.getMessage()), null, null, cancelled, e);
				}
				return rows;
			}

			@Override
			public boolean exhausted() {
				return exhausted;
			}

			@Override
			public void close() {
				cursor.close();
				if (running == cursor) {
					running = null;
				}
			}
		}
	}

	/** A result computed whole (a count, distinct values, a command's answer). */
	private record Fixed(List<ResultColumn> columns, List<List<@Nullable String>> rows, int[] at)
			implements StatementResult {

		Fixed(List<ResultColumn> columns, List<List<@Nullable String>> rows) {
			this(columns, rows, new int[1]);
		}

		@Override
		public long updateCount() {
			return -1;
		}

		@Override
		public List<String> notices() {
			return List.of();
		}

		@Override
		public List<List<@Nullable String>> fetch(int max) {
			int from = at[0];
			int to = Math.min(rows.size(), from + max);
			at[0] = to;
			return rows.subList(from, to);
		}

		@Override
		public boolean exhausted() {
			return at[0] >= rows.size();
		}

		@Override
		public void close() {
		}
	}
}

package dev.steward.engine.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;

/** The MongoDB console against mongo-java-server with the real driver: shell-style commands, batches, read-only. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MongoQueryIntegrationTests {

	MongoServer server;

	MongoClient client;

	ConnectionSpec spec;

	final MongoQuery query = new MongoQuery(new MongoAdapter());

	@BeforeEach
	void start() {
		server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
		spec = new ConnectionSpec(EngineKind.MONGODB, "127.0.0.1", address.getPort(), "shop", null, null,
				SslMode.DISABLE, null, null, false, Map.of());
		List<Document> docs = new ArrayList<>();
		for (int i = 1; i <= 250; i++) {
			docs.add(new Document("_id", i).append("name", "item " + i).append("kind", i % 2 == 0 ? "even" : "odd"));
		}
		client.getDatabase("shop").getCollection("items").insertMany(docs);
	}

	@AfterEach
	void stop() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void findStreamsDocumentsInBatchesWithSortSkipAndLimit() {
		try (ConsoleSession session = query.open(spec, new ConsoleOptions(null, false))) {
			StatementResult all = session.execute("db.items.find({kind: 'even'}, {name: 1})", 50);
			List<List<@Nullable String>> rows = new ArrayList<>();
			while (!all.exhausted()) {
				rows.addAll(all.fetch(40));
			}
			assertThat(rows).hasSize(125);
			assertThat(rows.getFirst().getFirst()).isEqualTo("{\"_id\": 2, \"name\": \"item 2\"}");
			all.close();

			StatementResult top = session.execute("db.items.find({}).sort({_id: -1}).skip(1).limit(3)", 50);
			assertThat(top.fetch(10)).extracting(r -> r.getFirst()).containsExactly(
					"{\"_id\": 249, \"name\": \"item 249\", \"kind\": \"odd\"}",
					"{\"_id\": 248, \"name\": \"item 248\", \"kind\": \"even\"}",
					"{\"_id\": 247, \"name\": \"item 247\", \"kind\": \"odd\"}");
			top.close();

			assertThat(session.execute("db.items.countDocuments({kind: \"odd\"})", 10).fetch(1).getFirst())
				.containsExactly("125");
			StatementResult grouped = session.execute(
					"db.items.aggregate([{$group: {_id: '$kind', n: {$sum: 1}}}, {$sort: {_id: 1}}])", 10);
			assertThat(grouped.fetch(10)).extracting(r -> r.getFirst())
				.containsExactly("{\"_id\": \"even\", \"n\": 125}", "{\"_id\": \"odd\", \"n\": 125}");
			grouped.close();
			assertThat(session.execute("{\"count\": \"items\"}", 10).fetch(1).getFirst().getFirst()).contains("\"n\": 250");
		}
	}

	@Test
	void aReadOnlySessionRunsOnlyCommandsThatRead() {
		try (ConsoleSession session = query.open(spec, new ConsoleOptions(null, true))) {
			assertThatThrownBy(() -> session.execute("{\"delete\": \"items\", \"deletes\": [{\"q\": {}, \"limit\": 0}]}", 10))
				.isInstanceOf(StatementFailed.class).hasMessageContaining("read-only");
			assertThatThrownBy(() -> session.execute("db.items.aggregate([{$match: {}}, {$out: 'copy'}])", 10))
				.isInstanceOf(StatementFailed.class).hasMessageContaining("read-only");
			assertThat(session.execute("db.items.countDocuments()", 10).fetch(1).getFirst()).containsExactly("250");
		}
		assertThat(client.getDatabase("shop").getCollection("items").countDocuments()).isEqualTo(250);
		assertThat(client.getDatabase("shop").listCollectionNames().into(new ArrayList<>())).containsExactly("items");
	}

	@Test
	void aMalformedCommandFailsWithAMessage() {
		try (ConsoleSession session = query.open(spec, new ConsoleOptions(null, false))) {
			assertThatThrownBy(() -> session.execute("db.items.find({a: )", 10)).isInstanceOf(StatementFailed.class);
			assertThatThrownBy(() -> session.execute("show collections", 10)).isInstanceOf(StatementFailed.class)
				.hasMessageContaining("db.<collection>.find");
		}
	}

	/**
	 * mongo-java-server implements no {@code explain} command: the console sends the real one and reports the
	 * server's own refusal (a MongoDB server answers the plan, whose mapping {@link MongoPlansTests} covers). What
	 * Steward refuses by itself is refused before anything is sent.
	 */
	@Test
	void explainAsksTheServerAndRefusesWhatCouldWrite() {
		try (ConsoleSession session = query.open(spec, new ConsoleOptions(null, false))) {
			assertThatThrownBy(() -> query.explain(session, "db.items.find({kind: 'even'}).sort({_id: -1}).limit(3)",
					false)).isInstanceOf(StatementFailed.class).hasMessageContaining("explain");

			assertThatThrownBy(() -> query.explain(session, "db.items.aggregate([{$match: {}}, {$out: 'copy'}])", true))
				.isInstanceOf(StatementFailed.class).hasMessageContaining("$out");
			assertThatThrownBy(() -> query.explain(session, "{\"delete\": \"items\", \"deletes\": []}", false))
				.isInstanceOf(StatementFailed.class).hasMessageContaining("Only find, aggregate, count and distinct");
			assertThat(client.getDatabase("shop").listCollectionNames()).containsExactly("items");
			assertThat(client.getDatabase("shop").getCollection("items").countDocuments()).isEqualTo(250);
		}
	}
}

package dev.steward.engine.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.engine.TestCatalogTargets;

/** MongoDB field inference and collection browsing with mongo-java-server and the real driver. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MongoCatalogIntegrationTests {

	MongoServer server;

	MongoClient client;

	TestCatalogTargets.Target target;

	final MongoCatalog catalog = new MongoCatalog();

	@BeforeEach
	void start() {
		server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
		target = TestCatalogTargets.mongo(client, "shop");
	}

	@AfterEach
	void stop() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void infersFieldsWithMixedTypesAndMissingFields() {
		MongoDatabase db = client.getDatabase("shop");
		db.getCollection("orders").insertMany(List.of(
				new Document("_id", 1).append("customer", "ann").append("total", 10).append("address",
						new Document("city", "Oslo").append("zip", "0150")),
				new Document("_id", 2).append("customer", "bob").append("total", 12.5).append("tags", List.of("a", "b")),
				new Document("_id", 3).append("customer", null).append("total", 7L)
					.append("items", List.of(new Document("sku", "x1").append("qty", 2))),
				new Document("_id", 4).append("customer", "dan").append("total", "n/a")));
		db.getCollection("orders").createIndex(Indexes.ascending("customer"), new IndexOptions().unique(true));
		db.getCollection("orders").createIndex(Indexes.descending("total"));
		db.getCollection("empty").insertOne(new Document("x", 1));

		assertThat(catalog.objects(target, new ObjectQuery("shop", "shop", null, null, 0, 10, SortKey.NAME, false))
			.items()).extracting(ObjectSummary::name).containsExactly("empty", "orders");
		assertThat(catalog.objects(target, new ObjectQuery("shop", "shop", null, "ORD", 0, 10, SortKey.NAME, false))
			.items()).singleElement().satisfies(o -> {
				assertThat(o.kind()).isEqualTo(ObjectKind.COLLECTION);
				assertThat(o.approxRows()).isEqualTo(4);
			});
		// a regex character in the filter is literal
		assertThat(catalog.objects(target, new ObjectQuery("shop", "shop", null, "o.d", 0, 10, SortKey.NAME, false))
			.totalElements()).isZero();

		ObjectDetail orders = catalog.object(target, new ObjectRef("shop", "shop", "orders", null)).orElseThrow();
		Map<String, ColumnInfo> fields = new java.util.HashMap<>();
		orders.columns().forEach(c -> fields.put(c.name(), c));
		assertThat(fields.keySet()).containsExactlyInAnyOrder("_id", "customer", "total", "address", "address.city",
				"address.zip", "tags", "items", "items.sku", "items.qty");
		assertThat(fields.get("_id").presence()).isEqualTo(1.0);
		assertThat(fields.get("_id").primaryKey()).isTrue();
		assertThat(fields.get("total").observedTypes()).isEqualTo(Map.of("int", 1L, "double", 1L, "long", 1L,
				"string", 1L));
		assertThat(fields.get("customer").observedTypes()).isEqualTo(Map.of("string", 3L, "null", 1L));
		assertThat(fields.get("customer").nullable()).isTrue();
		assertThat(fields.get("customer").unique()).isTrue();
		assertThat(fields.get("customer").dataType()).isEqualTo("string | null");
		assertThat(fields.get("address").presence()).isEqualTo(0.25);
		assertThat(fields.get("address").dataType()).isEqualTo("object");
		assertThat(fields.get("address.city").observedTypes()).isEqualTo(Map.of("string", 1L));
		assertThat(fields.get("items.qty").observedTypes()).isEqualTo(Map.of("int", 1L));
		assertThat(fields.get("tags").dataType()).isEqualTo("array");
		assertThat(fields.get("total").indexed()).isTrue();
		assertThat(orders.indexes()).extracting(i -> i.name() + " " + i.columns() + " " + i.unique())
			.containsExactlyInAnyOrder("_id_ [_id (1)] true", "customer_1 [customer (1)] true",
					"total_-1 [total (-1)] false");
		assertThat(orders.stats().approxRows()).isEqualTo(4);

		assertThat(catalog.exactCount(target, new ObjectRef("shop", "shop", "orders", null), Duration.ofSeconds(5)))
			.contains(4L);
		assertThat(catalog.exactCount(target, new ObjectRef("shop", "shop", "nope", null), Duration.ofSeconds(5)))
			.isEmpty();
		assertThat(catalog.ddl(target, new ObjectRef("shop", "shop", "orders", null)).orElseThrow())
			.contains("\"name\": \"orders\"").contains("customer_1");
		assertThat(catalog.snapshot(target)).extracting(o -> o.name() + " " + o.columns().size())
			.containsExactly("empty 2", "orders 10");
	}

	@Test
	void sampleSizeBoundsTheInference() {
		MongoDatabase db = client.getDatabase("shop");
		for (int i = 0; i < 150; i++) {
			db.getCollection("big").insertOne(new Document("_id", i).append(i < 100 ? "early" : "late", i));
		}
		ObjectDetail big = catalog.object(target, new ObjectRef("shop", "shop", "big", null)).orElseThrow();
		assertThat(big.properties()).containsEntry("sampledDocuments", "100");
		assertThat(big.columns().stream().mapToLong(c -> c.presence() == null ? 0 : 1).sum()).isGreaterThanOrEqualTo(2);
	}
}

package dev.steward.engine.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.TestCatalogTargets;

/** MongoDB health from serverStatus and dbStats (mongo-java-server with the real driver). */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MongoHealthIntegrationTests {

	@Test
	void readsConnectionsOpcountersAndSizes() {
		MongoServer server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
			client.getDatabase("shop").getCollection("orders")
				.insertMany(List.of(new Document("n", 1), new Document("n", 2), new Document("n", 3)));
			var target = TestCatalogTargets.mongo(client, "shop");
			HealthSample sample = new MongoHealth().sample(target.pool(), target.spec(), Duration.ofSeconds(3));
			assertThat(sample.reachable()).isTrue();
			assertThat(sample.values().get(HealthMetric.CONNECTIONS)).isGreaterThanOrEqualTo(1);
			assertThat(sample.values()).containsKeys(HealthMetric.LATENCY, HealthMetric.DATA_SIZE);
			assertThat(sample.values().get(HealthMetric.DATA_SIZE)).isGreaterThan(0);
			// mongo-java-server's serverStatus has no opcounters; their parsing is checked below on a real document
		}
		finally {
			server.shutdownNow();
		}
	}

	@Test
	void readsOpcountersAndMemoryFromARealServerStatusDocument() {
		Document status = Document.parse("""
				{"version": "7.0.5", "connections": {"current": 12, "available": 838848},
				 "opcounters": {"insert": 5, "query": 40, "update": 7, "delete": 1, "getmore": 0, "command": 900},
				 "mem": {"resident": 150, "virtual": 1500}}""");
		var values = new java.util.EnumMap<HealthMetric, Double>(HealthMetric.class);
		MongoHealth.serverStatus(status, values);
		assertThat(values).containsEntry(HealthMetric.CONNECTIONS, 12.0)
			.containsEntry(HealthMetric.MAX_CONNECTIONS, 838860.0)
			.containsEntry(HealthMetric.OPS_INSERT, 5.0)
			.containsEntry(HealthMetric.OPS_QUERY, 40.0)
			.containsEntry(HealthMetric.OPS_COMMAND, 900.0)
			.containsEntry(HealthMetric.MEMORY_RESIDENT, 150.0 * 1024 * 1024);
	}

	@Test
	void aStoppedServerIsDown() {
		MongoServer server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		server.shutdownNow();
		try (MongoClient client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
			.applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
			.applyToClusterSettings(b -> b.serverSelectionTimeout(1, java.util.concurrent.TimeUnit.SECONDS))
			.build())) {
			var target = TestCatalogTargets.mongo(client, "shop");
			HealthSample sample = new MongoHealth().sample(target.pool(), target.spec(), Duration.ofSeconds(2));
			assertThat(sample.reachable()).isFalse();
		}
	}
}

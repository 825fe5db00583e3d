package dev.steward.engine.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.HealthSampling;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.JdbcHealth;
import dev.steward.engine.support.MongoTargetPool;

/**
 * MongoDB health: a {@code ping}, {@code serverStatus} (connections, opcounters, memory) and {@code dbStats} of the
 * connection's database, each bounded by {@code maxTimeMS}.
 */
@Component
class MongoHealth implements HealthSampling {

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	@Override
	public HealthSample sample(TargetPool pool, ConnectionSpec spec, Duration timeout) {
		Instant at = Instant.now();
		long start = System.nanoTime();
		if (!(pool instanceof MongoTargetPool mongo)) {
			return HealthSample.unreachable(at, 0, "not a MongoDB pool");
		}
		MongoClient client = mongo.client();
		long maxMs = Math.max(1, timeout.toMillis());
		try {
			client.getDatabase("admin").runCommand(new Document("ping", 1).append("maxTimeMS", maxMs));
		}
		catch (MongoException | IllegalStateException e) {
			return HealthSample.unreachable(at, (System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()));
		}
		long latency = (System.nanoTime() - start) / 1_000_000;
		Map<HealthMetric, Double> v = new EnumMap<>(HealthMetric.class);
		v.put(HealthMetric.LATENCY, (double) latency);
		List<String> errors = new ArrayList<>();
		String version = null;
		try {
			Document status = client.getDatabase("admin")
				.runCommand(new Document("serverStatus", 1).append("maxTimeMS", maxMs));
			version = status.get("version") instanceof String s ? s : null;
			serverStatus(status, v);
		}
		catch (MongoException e) {
			errors.add(String.valueOf(e.getMessage()));
		}
		String database = mongo.database() != null ? mongo.database() : spec.database();
		if (database != null && !database.isBlank()) {
			try {
				Document stats = client.getDatabase(database)
					.runCommand(new Document("dbStats", 1).append("maxTimeMS", maxMs));
				put(v, HealthMetric.DATA_SIZE, stats.get("dataSize"));
				put(v, HealthMetric.STORAGE_SIZE, stats.get("storageSize"));
				put(v, HealthMetric.INDEX_SIZE, stats.get("indexSize"));
				Double data = v.get(HealthMetric.STORAGE_SIZE);
				Double index = v.get(HealthMetric.INDEX_SIZE);
				if (data != null) {
					v.put(HealthMetric.DATABASE_SIZE, data + (index == null ? 0 : index));
				}
			}
			catch (MongoException e) {
				errors.add(String.valueOf(e.getMessage()));
			}
		}
		JdbcHealth.usage(v);
		return new HealthSample(at, true, latency, version, v, errors);
	}

	static void serverStatus(Document status, Map<HealthMetric, Double> v) {
		if (status.get("connections") instanceof Document connections) {
			put(v, HealthMetric.CONNECTIONS, connections.get("current"));
			put(v, HealthMetric.CONNECTIONS_AVAILABLE, connections.get("available"));
			Double current = v.get(HealthMetric.CONNECTIONS);
			Double available = v.get(HealthMetric.CONNECTIONS_AVAILABLE);
			if (current != null && available != null) {
				v.put(HealthMetric.MAX_CONNECTIONS, current + available);
			}
		}
		if (status.get("opcounters") instanceof Document ops) {
			put(v, HealthMetric.OPS_INSERT, ops.get("insert"));
			put(v, HealthMetric.OPS_QUERY, ops.get("query"));
			put(v, HealthMetric.OPS_UPDATE, ops.get("update"));
			put(v, HealthMetric.OPS_DELETE, ops.get("delete"));
			put(v, HealthMetric.OPS_GETMORE, ops.get("getmore"));
			put(v, HealthMetric.OPS_COMMAND, ops.get("command"));
		}
		if (status.get("mem") instanceof Document mem && mem.get("resident") instanceof Number mb) {
			v.put(HealthMetric.MEMORY_RESIDENT, mb.doubleValue() * 1024 * 1024);
		}
	}

	private static void put(Map<HealthMetric, Double> v, HealthMetric metric, @Nullable Object value) {
		if (value instanceof Number n) {
			v.put(metric, n.doubleValue());
		}
	}
}

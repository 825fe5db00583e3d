package dev.steward.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * One bounded pool per registered connection, opened on first use. The registry evicts a connection's
 * pool when it is edited, deactivated or deleted; a changed spec under the same key also replaces the pool.
 */
@Service
public class TargetPools implements DisposableBean {

	private record Entry(ConnectionSpec spec, TargetPool pool) {
	}

	private final Engines engines;

	private final Map<String, Entry> pools = new ConcurrentHashMap<>();

	public TargetPools(Engines engines) {
		this.engines = engines;
	}

	/** The pool for {@code key} (a connection id), opened with {@code spec} if absent or stale. */
	public TargetPool get(String key, ConnectionSpec spec) {
		Entry entry = pools.compute(key, (k, existing) -> {
			if (existing != null && existing.spec().equals(spec)) {
				return existing;
			}
			if (existing != null) {
				existing.pool().close();
			}
			PoolSettings settings = PoolSettings.defaults().named("target-" + k);
			return new Entry(spec, engines.adapter(spec.engine()).openPool(spec, settings));
		});
		return entry.pool();
	}

	public JdbcTargetPool jdbc(String key, ConnectionSpec spec) {
		if (get(key, spec) instanceof JdbcTargetPool jdbc) {
			return jdbc;
		}
		throw new CapabilityUnsupported(spec.engine(), JdbcTargetPool.class);
	}

	public MongoTargetPool mongo(String key, ConnectionSpec spec) {
		if (get(key, spec) instanceof MongoTargetPool mongo) {
			return mongo;
		}
		throw new CapabilityUnsupported(spec.engine(), MongoTargetPool.class);
	}

	public void evict(String key) {
		Entry removed = pools.remove(key);
		if (removed != null) {
			removed.pool().close();
		}
	}

	public boolean isOpen(String key) {
		return pools.containsKey(key);
	}

	@Override
	public void destroy() {
		pools.keySet().forEach(this::evict);
	}
}

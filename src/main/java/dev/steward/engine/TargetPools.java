package dev.steward.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import dev.steward.engine.support.JdbcTargetPool;
import dev.steward.engine.support.MongoTargetPool;

/**
 * The one owner of the pools to target databases: a connection's own pool, and the pools the catalog opens for
 * other databases of the same server. Opened on first use; replaced when the spec under a key changed; closed
 * when the registry evicts the connection, when nobody asked for them for {@code close-unused-after} (a sweeper
 * looks regularly), and, for per-database pools, least recently used first when a cap would be exceeded.
 * Only pools with no connection lent out are closed to make room or when unused; if none can be,
 * {@link PoolLimitReached}.
 */
@Service
public class TargetPools implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TargetPools.class);

	private static final class Entry {

		final ConnectionSpec spec;

		final TargetPool pool;

		volatile long lastUsed = System.nanoTime();

		Entry(ConnectionSpec spec, TargetPool pool) {
			this.spec = spec;
			this.pool = pool;
		}
	}

	private final Engines engines;

	private final TargetPoolProperties properties;

	/** Guards {@link #pools}: the caps need one view of all of them, and the critical sections are lookups. */
	private final ReentrantLock lock = new ReentrantLock();

	private final Map<PoolKey, Entry> pools = new HashMap<>();

	/** Numbers the per-database pools' names (the database name itself stays out of thread names and metrics). */
	private final AtomicLong serial = new AtomicLong();

	private final ScheduledExecutorService sweeper;

	public TargetPools(Engines engines, TargetPoolProperties properties) {
		this.engines = engines;
		this.properties = properties;
		this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "target-pools sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.sweepInterval().toMillis();
		sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
	}

	/** The pool for {@code key}, opened with {@code spec} if absent or stale. */
	public TargetPool get(PoolKey key, ConnectionSpec spec) {
		List<TargetPool> toClose = new ArrayList<>();
		try {
			lock.lock();
			try {
				Entry existing = pools.get(key);
				if (existing != null && existing.spec.equals(spec)) {
					existing.lastUsed = System.nanoTime();
					return existing.pool;
				}
				if (existing != null) {
					pools.remove(key);
					toClose.add(existing.pool);
				}
				else if (key.perDatabase()) {
					makeRoom(key, toClose);
				}
				Entry entry = new Entry(spec, engines.adapter(spec.engine()).openPool(spec, settings(key)));
				pools.put(key, entry);
				return entry.pool;
			}
			finally {
				lock.unlock();
			}
		}
		finally {
			// outside the lock: closing waits for the pool's connections to close
			toClose.forEach(TargetPools::closeQuietly);
		}
	}

	public JdbcTargetPool jdbc(PoolKey key, ConnectionSpec spec) {
		if (get(key, spec) instanceof JdbcTargetPool jdbc) {
			return jdbc;
		}
		throw new CapabilityUnsupported(spec.engine(), JdbcTargetPool.class);
	}

	public MongoTargetPool mongo(PoolKey key, ConnectionSpec spec) {
		if (get(key, spec) instanceof MongoTargetPool mongo) {
			return mongo;
		}
		throw new CapabilityUnsupported(spec.engine(), MongoTargetPool.class);
	}

	/** Closes every pool of a connection: its own and those for other databases (after an edit, switch-off, delete). */
	public void evictConnection(UUID connectionId) {
		closeAll(removeIf(key -> key.connectionId().equals(connectionId), e -> true));
	}

	/** The keys of a connection's open pools (for tests and diagnostics). */
	public Set<PoolKey> openPools(UUID connectionId) {
		lock.lock();
		try {
			return pools.keySet().stream().filter(k -> k.connectionId().equals(connectionId))
				.collect(Collectors.toUnmodifiableSet());
		}
		finally {
			lock.unlock();
		}
	}

	public boolean isOpen(PoolKey key) {
		lock.lock();
		try {
			return pools.containsKey(key);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Closes every pool nobody asked for during {@code unusedFor} and that has no connection lent out; what
	 * the sweeper runs with {@code close-unused-after}. Returns how many were closed.
	 */
	public int closeUnused(Duration unusedFor) {
		long now = System.nanoTime();
		List<TargetPool> closing = removeIf(key -> true,
				e -> now - e.lastUsed >= unusedFor.toNanos() && !e.pool.inUse());
		closeAll(closing);
		return closing.size();
	}

	private void sweep() {
		try {
			int closed = closeUnused(properties.closeUnusedAfter());
			if (closed > 0) {
				log.debug("Closed {} unused target pool(s)", closed);
			}
		}
		catch (RuntimeException e) {
			// the sweeper must survive anything one pool does while closing
			log.warn("Sweeping target pools failed: {}", e.toString());
		}
	}

	/** Under the lock: closes the least recently used idle per-database pool(s) so that {@code key} fits the caps. */
	private void makeRoom(PoolKey key, List<TargetPool> toClose) {
		List<PoolKey> sameConnection = pools.keySet().stream()
			.filter(k -> k.perDatabase() && k.connectionId().equals(key.connectionId())).toList();
		if (sameConnection.size() >= properties.maxDatabasePoolsPerConnection()) {
			toClose.add(evictLeastRecentlyUsed(sameConnection).orElseThrow(() -> new PoolLimitReached(
					"This connection already has " + sameConnection.size()
							+ " other databases open and all of them are busy; try again shortly")));
		}
		List<PoolKey> all = pools.keySet().stream().filter(PoolKey::perDatabase).toList();
		if (all.size() >= properties.maxDatabasePools()) {
			toClose.add(evictLeastRecentlyUsed(all).orElseThrow(() -> new PoolLimitReached(
					"Steward already has " + all.size() + " other databases open and all of them are busy; "
							+ "try again shortly")));
		}
	}

	private Optional<TargetPool> evictLeastRecentlyUsed(List<PoolKey> candidates) {
		return candidates.stream()
			.filter(k -> !pools.get(k).pool.inUse())
			.min(Comparator.comparingLong(k -> pools.get(k).lastUsed))
			.map(k -> pools.remove(k).pool);
	}

	private List<TargetPool> removeIf(Predicate<PoolKey> key, Predicate<Entry> entry) {
		lock.lock();
		try {
			List<TargetPool> removed = new ArrayList<>();
			pools.entrySet().removeIf(e -> {
				if (key.test(e.getKey()) && entry.test(e.getValue())) {
					removed.add(e.getValue().pool);
					return true;
				}
				return false;
			});
			return removed;
		}
		finally {
			lock.unlock();
		}
	}

	private PoolSettings settings(PoolKey key) {
		String name = "target-" + key.connectionId() + (key.perDatabase() ? "-db" + serial.incrementAndGet() : "");
		PoolSettings defaults = PoolSettings.defaults();
		return new PoolSettings(defaults.maxSize(), defaults.connectTimeout(), properties.idleTimeout(), name);
	}

	private static void closeAll(List<TargetPool> closing) {
		closing.forEach(TargetPools::closeQuietly);
	}

	private static void closeQuietly(TargetPool pool) {
		try {
			pool.close();
		}
		catch (RuntimeException e) {
			log.warn("Closing a target pool failed: {}", e.toString());
		}
	}

	@Override
	public void destroy() {
		sweeper.shutdownNow();
		closeAll(removeIf(key -> true, e -> true));
	}
}

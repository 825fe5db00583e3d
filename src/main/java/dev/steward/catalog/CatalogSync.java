package dev.steward.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.catalog.CatalogEvents.CatalogSynced;
import dev.steward.catalog.internal.CatalogTargets;
import dev.steward.catalog.internal.SnapshotDiff;
import dev.steward.catalog.internal.SnapshotStore;
import dev.steward.catalog.internal.SnapshotStore.Header;
import dev.steward.catalog.internal.SnapshotStore.Stored;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.Engines;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.PageResult;

/**
 * Takes snapshots of a connection's catalog into Steward's store: read everything from the target first
 * (outside any store transaction), then diff against the stored snapshot and replace it in one transaction.
 */
@Service
public class CatalogSync {

	private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

	private final ConnectionLookup connections;

	private final Engines engines;

	private final CatalogTargets targets;

	private final SnapshotStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Map<UUID, ReentrantLock> running = new ConcurrentHashMap<>();

	CatalogSync(ConnectionLookup connections, Engines engines, CatalogTargets targets, SnapshotStore store,
			ApplicationEventPublisher events, TransactionTemplate tx) {
		this.connections = connections;
		this.engines = engines;
		this.targets = targets;
		this.store = store;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * @param addedNames   up to 20 of the added objects ({@code schema.name}), likewise dropped and changed
	 */
	public record SyncResult(UUID snapshotId, UUID connectionId, OffsetDateTime takenAt, long durationMillis,
			String takenBy, int databases, int objects, int columns, int added, int dropped, int changed,
			List<String> addedNames, List<String> droppedNames, List<String> changedNames) {
	}

	/** A stored snapshot's header. */
	public record SnapshotView(UUID id, OffsetDateTime takenAt, long durationMillis, String takenBy, int databases,
			int objects, int columns, int added, int dropped, int changed, @Nullable String diff) {
	}

	/** On demand, as the current user. */
	public SyncResult sync(UUID connectionId) {
		return sync(connections.resolveActive(connectionId), Actor.current());
	}

	/** For the scheduler: as the system, skipping connections that are switched off. */
	public @Nullable SyncResult syncAsSystem(UUID connectionId) {
		ResolvedConnection connection = connections.resolveAsSystem(connectionId);
		return connection.active() ? sync(connection, Actor.system()) : null;
	}

	private SyncResult sync(ResolvedConnection connection, Actor actor) {
		ReentrantLock lock = running.computeIfAbsent(connection.id(), id -> new ReentrantLock());
		if (!lock.tryLock()) {
			throw new Conflict("A catalog sync of this connection is already running");
		}
		try {
			return doSync(connection, actor);
		}
		finally {
			lock.unlock();
		}
	}

	private SyncResult doSync(ResolvedConnection connection, Actor actor) {
		long start = System.nanoTime();
		CatalogIntrospector introspector = engines.capability(connection.engine(), CatalogIntrospector.class);
		List<SnapshotObject> objects;
		try {
			objects = introspector.snapshot(targets.of(connection));
		}
		catch (CatalogUnavailable e) {
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			tx.executeWithoutResult(s -> events.publishEvent(new CatalogSynced(actor, connection.id(),
					connection.name(), 0, 0, 0, 0, 0, elapsed, e.getMessage(), Instant.now())));
			throw e;
		}
		long read = System.nanoTime();
		long[] phases = new long[2];
		SyncResult result = tx.execute(status -> {
			Map<String, Stored> before = store.stored(connection.id());
			SnapshotDiff diff = SnapshotDiff.between(before, objects);
			phases[0] = System.nanoTime();
			store.apply(connection.id(), diff.removed(), diff.writes(), diff.touches());
			phases[1] = System.nanoTime();
			int columns = objects.stream().mapToInt(o -> o.columns().size()).sum();
			int databases = (int) objects.stream().map(SnapshotObject::database).distinct().count();
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			OffsetDateTime takenAt = OffsetDateTime.now(ZoneOffset.UTC);
			Header header = new Header(UUID.randomUUID(), connection.id(), takenAt, elapsed, actor.username(),
					databases, objects.size(), columns, diff.reportedAdded(), diff.droppedCount(), diff.changedCount(),
					diff.text());
			store.insert(header);
			events.publishEvent(new CatalogSynced(actor, connection.id(), connection.name(), objects.size(), columns,
					header.added(), header.dropped(), header.changed(), elapsed, null, Instant.now()));
			return new SyncResult(header.id(), connection.id(), takenAt, elapsed, actor.username(), databases,
					objects.size(), columns, header.added(), header.dropped(), header.changed(),
					diff.reportedAddedNames(), diff.droppedNames(), diff.changedNames());
		});
		long end = System.nanoTime();
		log.info("Catalog sync of '{}': {} objects, {} columns in {} ms (read {} ms, diff {} ms, store {} ms, "
				+ "commit {} ms)", connection.name(), result.objects(), result.columns(), (end - start) / 1_000_000,
				(read - start) / 1_000_000, (phases[0] - read) / 1_000_000, (phases[1] - phases[0]) / 1_000_000,
				(end - phases[1]) / 1_000_000);
		return result;
	}

	public PageResult<SnapshotView> history(UUID connectionId, int page, int size) {
		connections.resolve(connectionId);
		List<SnapshotView> items = store.history(connectionId, page, size).stream()
			.map(h -> new SnapshotView(h.id(), h.takenAt(), h.durationMillis(), h.takenBy(), h.databases(),
					h.objects(), h.columns(), h.added(), h.dropped(), h.changed(), h.diffDetail()))
			.toList();
		return PageResult.of(items, page, size, store.historyCount(connectionId));
	}

	/** Connections that were synced before (the interval re-syncs only these). */
	public List<UUID> syncedConnections() {
		return store.syncedConnections();
	}
}

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
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogIntrospector;
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

	/** Rows (objects, columns, keys) written to the store per batch while the snapshot streams in. */
	private static final int WRITE_BATCH = 20_000;

	/**
	 * Streams the target's catalog through a running diff into the store, in one store transaction so that
	 * search never sees half a snapshot, writing in bounded batches so that memory does not grow with the size
	 * of the catalog. A failing read rolls everything back and is recorded as a failed sync.
	 */
	private SyncResult doSync(ResolvedConnection connection, Actor actor) {
		long start = System.nanoTime();
		CatalogIntrospector introspector = engines.capability(connection.engine(), CatalogIntrospector.class);
		long[] phases = new long[2];
		SyncResult result;
		try {
			result = tx.execute(status -> {
				SnapshotDiff.Running diff = new SnapshotDiff.Running(store.stored(connection.id()));
				introspector.snapshot(targets.of(connection), object -> {
					diff.accept(object);
					if (diff.pendingRows() >= WRITE_BATCH) {
						apply(connection.id(), diff.drain());
					}
				});
				phases[0] = System.nanoTime();
				SnapshotDiff rest = diff.finish();
				apply(connection.id(), rest);
				if (diff.wroteOrRemoved()) {
					store.rebuildNames(connection.id());
				}
				phases[1] = System.nanoTime();
				return recordHeader(connection, actor, start, diff, rest);
			});
		}
		catch (CatalogUnavailable e) {
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			tx.executeWithoutResult(s -> events.publishEvent(new CatalogSynced(actor, connection.id(),
					connection.name(), 0, 0, 0, 0, 0, elapsed, e.getMessage(), Instant.now())));
			throw e;
		}
		long end = System.nanoTime();
		// the header was written inside the transaction; the whole, commit included, is what the user waited
		long total = (end - start) / 1_000_000;
		store.updateDuration(result.snapshotId(), total);
		log.info("Catalog sync of '{}': {} objects, {} columns in {} ms (read and diff, with batched writes, {} ms, "
				+ "last writes {} ms, commit {} ms)", connection.name(), result.objects(), result.columns(), total,
				(phases[0] - start) / 1_000_000, (phases[1] - phases[0]) / 1_000_000, (end - phases[1]) / 1_000_000);
		return new SyncResult(result.snapshotId(), result.connectionId(), result.takenAt(), total, result.takenBy(),
				result.databases(), result.objects(), result.columns(), result.added(), result.dropped(),
				result.changed(), result.addedNames(), result.droppedNames(), result.changedNames());
	}

	private void apply(UUID connectionId, SnapshotDiff part) {
		store.apply(connectionId, part.removed(), part.writes(), part.touches());
	}

	private SyncResult recordHeader(ResolvedConnection connection, Actor actor, long start, SnapshotDiff.Running diff,
			SnapshotDiff summary) {
		long elapsed = (System.nanoTime() - start) / 1_000_000;
		int columns = (int) Math.min(Integer.MAX_VALUE, diff.columns());
		OffsetDateTime takenAt = OffsetDateTime.now(ZoneOffset.UTC);
		Header header = new Header(UUID.randomUUID(), connection.id(), takenAt, elapsed, actor.username(),
				diff.databases(), diff.objects(), columns, summary.reportedAdded(), summary.droppedCount(),
				summary.changedCount(), summary.text());
		store.insert(header);
		events.publishEvent(new CatalogSynced(actor, connection.id(), connection.name(), diff.objects(), columns,
				header.added(), header.dropped(), header.changed(), elapsed, null, Instant.now()));
		return new SyncResult(header.id(), connection.id(), takenAt, elapsed, actor.username(), diff.databases(),
				diff.objects(), columns, header.added(), header.dropped(), header.changed(),
				summary.reportedAddedNames(), summary.droppedNames(), summary.changedNames());
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

package dev.steward.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import dev.steward.catalog.internal.SnapshotStore;
import dev.steward.catalog.internal.SnapshotStore.Header;
import dev.steward.catalog.internal.SnapshotStore.Stored;
import dev.steward.catalog.internal.SnapshotStore.Touch;
import dev.steward.catalog.internal.SnapshotStore.Write;
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
			int nextId = before.values().stream().mapToInt(Stored::objectId).max().orElse(-1) + 1;
			List<Integer> removed = new ArrayList<>();
			List<Write> writes = new ArrayList<>();
			List<Touch> touches = new ArrayList<>();
			List<String> added = new ArrayList<>();
			List<String> changed = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			int addedCount = 0;
			int changedCount = 0;
			for (SnapshotObject o : objects) {
				String key = SnapshotStore.key(o);
				if (!seen.add(key)) {
					continue; // the same object twice (an engine listing it under two names) is stored once
				}
				String fingerprint = SnapshotStore.fingerprint(o);
				Stored previous = before.get(key);
				if (previous == null) {
					addedCount++;
					if (added.size() < 20) {
						added.add(label(o.database(), o.schema(), o.name()));
					}
					writes.add(new Write(nextId++, o, fingerprint));
				}
				else if (!previous.fingerprint().equals(fingerprint)) {
					changedCount++;
					if (changed.size() < 20) {
						changed.add(label(o.database(), o.schema(), o.name()));
					}
					removed.add(previous.objectId());
					writes.add(new Write(nextId++, o, fingerprint));
				}
				else if (!Objects.equals(previous.approxRows(), o.approxRows())
						|| !Objects.equals(previous.comment(), SnapshotStore.storedComment(o.comment()))) {
					touches.add(new Touch(previous.objectId(), o.approxRows(), o.comment()));
				}
			}
			List<String> dropped = new ArrayList<>();
			int droppedCount = 0;
			for (Map.Entry<String, Stored> e : before.entrySet()) {
				if (!seen.contains(e.getKey())) {
					droppedCount++;
					removed.add(e.getValue().objectId());
					if (dropped.size() < 20) {
						String[] parts = e.getKey().split("\u0000", -1);
						dropped.add(label(parts[0], parts[1], parts[2]));
					}
				}
			}
			long diffed = System.nanoTime();
			phases[0] = diffed;
			store.apply(connection.id(), removed, writes, touches);
			phases[1] = System.nanoTime();
			int columns = objects.stream().mapToInt(o -> o.columns().size()).sum();
			int databases = (int) objects.stream().map(SnapshotObject::database).distinct().count();
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			OffsetDateTime takenAt = OffsetDateTime.now(ZoneOffset.UTC);
			String diff = before.isEmpty() ? "first snapshot" : diffText(added, addedCount, dropped, droppedCount,
					changed, changedCount);
			Header header = new Header(UUID.randomUUID(), connection.id(), takenAt, elapsed, actor.username(),
					databases, objects.size(), columns, before.isEmpty() ? 0 : addedCount, droppedCount, changedCount,
					diff);
			store.insert(header);
			events.publishEvent(new CatalogSynced(actor, connection.id(), connection.name(), objects.size(), columns,
					header.added(), droppedCount, changedCount, elapsed, null, Instant.now()));
			return new SyncResult(header.id(), connection.id(), takenAt, elapsed, actor.username(), databases,
					objects.size(), columns, header.added(), droppedCount, changedCount,
					before.isEmpty() ? List.of() : added, dropped, changed);
		});
		long end = System.nanoTime();
		log.info("Catalog sync of '{}': {} objects, {} columns in {} ms (read {} ms, diff {} ms, store {} ms, "
				+ "commit {} ms)", connection.name(), result.objects(), result.columns(), (end - start) / 1_000_000,
				(read - start) / 1_000_000, (phases[0] - read) / 1_000_000, (phases[1] - phases[0]) / 1_000_000,
				(end - phases[1]) / 1_000_000);
		return result;
	}

	private static String label(String database, String schema, String name) {
		return database.equals(schema) ? schema + "." + name : database + "/" + schema + "." + name;
	}

	private static String diffText(List<String> added, int addedCount, List<String> dropped, int droppedCount,
			List<String> changed, int changedCount) {
		if (addedCount + droppedCount + changedCount == 0) {
			return "no changes";
		}
		List<String> parts = new ArrayList<>();
		if (addedCount > 0) {
			parts.add("added " + addedCount + ": " + String.join(", ", added) + (addedCount > added.size() ? " …" : ""));
		}
		if (droppedCount > 0) {
			parts.add("dropped " + droppedCount + ": " + String.join(", ", dropped)
					+ (droppedCount > dropped.size() ? " …" : ""));
		}
		if (changedCount > 0) {
			parts.add("changed " + changedCount + ": " + String.join(", ", changed)
					+ (changedCount > changed.size() ? " …" : ""));
		}
		return String.join("; ", parts);
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

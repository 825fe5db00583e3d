package dev.steward.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.catalog.internal.SnapshotStore;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/**
 * Searches table and column names in the stored snapshots of every connection the current user may see;
 * ranking and paging happen in SQL (exact name, then prefix, then contains).
 */
@Service
public class CatalogSearch {

	private final SnapshotStore store;

	private final ConnectionLookup connections;

	CatalogSearch(SnapshotStore store, ConnectionLookup connections) {
		this.store = store;
		this.connections = connections;
	}

	/**
	 * @param type   {@code table} (any object: table, view, collection …) or {@code column}
	 * @param match  {@code exact}, {@code prefix} or {@code contains}
	 */
	public record SearchHit(UUID connectionId, String connectionName, String engine, String type, String objectKind,
			String database, String schema, String object, @Nullable String column, @Nullable String dataType,
			String match) {
	}

	public PageResult<SearchHit> search(String q, int page, int size) {
		if (q.isBlank()) {
			throw new InvalidInput("q", "must not be blank");
		}
		if (q.length() > 200) {
			throw new InvalidInput("q", "must be at most 200 characters");
		}
		// visibility is the connection module's call; a handful of synced connections, asked one by one
		Map<UUID, ResolvedConnection> visible = new LinkedHashMap<>();
		for (UUID id : store.syncedConnections()) {
			try {
				visible.put(id, connections.resolve(id));
			}
			catch (NotFound e) {
				// not this user's to see
			}
		}
		if (visible.isEmpty()) {
			return PageResult.of(List.of(), page, size, 0);
		}
		List<SearchHit> hits = store.search(visible.keySet(), q, page, size).stream().map(h -> {
			ResolvedConnection c = visible.get(h.connectionId());
			return new SearchHit(h.connectionId(), c.name(), c.engine().name(), h.hitType(), h.objectKind(),
					h.database(), h.schema(), h.object(), h.column(), h.dataType(),
					switch (h.score()) {
						case 0 -> "exact";
						case 1 -> "prefix";
						default -> "contains";
					});
		}).toList();
		return PageResult.of(hits, page, size, store.searchCount(visible.keySet(), q));
	}
}

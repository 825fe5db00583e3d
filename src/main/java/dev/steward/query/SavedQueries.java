package dev.steward.query;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.query.QueryEvents.SavedQueryCreated;
import dev.steward.query.QueryEvents.SavedQueryDeleted;
import dev.steward.query.QueryEvents.SavedQueryUpdated;
import dev.steward.query.SavedQueryChart.ChartAggregation;
import dev.steward.query.internal.SavedQueryStore;
import dev.steward.query.internal.SavedQueryStore.Row;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;
import dev.steward.shared.SafeTextValidator;

/**
 * Saved queries. Everyone sees their own and the shared ones, on connections they may see (another user's private
 * query is 404, even for an ADMIN: it is private). Only the owner or an ADMIN may change or delete one (403 for
 * the others who see it); rights are checked before the input.
 */
@Service
public class SavedQueries {

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_SQL = 100_000;

	static final int MAX_CHART_COLUMNS = 16;

	static final int MAX_COLUMN_NAME = 255;

	private final SavedQueryStore store;

	private final ConnectionLookup connections;

	private final ApplicationEventPublisher events;

	SavedQueries(SavedQueryStore store, ConnectionLookup connections, ApplicationEventPublisher events) {
		this.store = store;
		this.connections = connections;
		this.events = events;
	}

	public PageResult<SavedQuery> list(@Nullable String text, @Nullable UUID connectionId, boolean mineOnly, int page,
			int size) {
		CurrentUser user = CurrentUser.require();
		if (page < 0) {
			throw new InvalidInput("page", "Must not be negative");
		}
		if (size < 1 || size > 100) {
			throw new InvalidInput("size", "Between 1 and 100");
		}
		if (text != null && (text.length() > 200 || SafeTextValidator.firstUnsafe(text, false) >= 0)) {
			throw new InvalidInput("q", "At most 200 characters, without control or formatting characters");
		}
		return store.page(user.id(), user.isAdmin() ? null : connections.visibleIds(),
				text == null || text.isBlank() ? null : text.strip(), connectionId, mineOnly, page, size)
			.map(r -> view(r, user));
	}

	public SavedQuery get(UUID id) {
		CurrentUser user = CurrentUser.require();
		return view(visible(id, user), user);
	}

	@Transactional
	public SavedQuery create(SavedQueryDraft draft) {
		CurrentUser user = CurrentUser.require();
		Row checked = checked(draft, UUID.randomUUID(), user.id(), user.username(), Instant.now());
		store.insert(checked);
		events.publishEvent(new SavedQueryCreated(Actor.current(), checked.id(), checked.name(), checked.connectionId(),
				checked.visibility()));
		return view(checked, user);
	}

	@Transactional
	public SavedQuery update(UUID id, SavedQueryDraft draft) {
		CurrentUser user = CurrentUser.require();
		Row stored = editable(id, user);
		Row checked = checked(draft, id, stored.ownerId(), stored.ownerName(), stored.createdAt());
		store.update(checked);
		events.publishEvent(new SavedQueryUpdated(Actor.current(), id, checked.name(), checked.connectionId(),
				checked.visibility()));
		return view(checked, user);
	}

	@Transactional
	public void delete(UUID id) {
		CurrentUser user = CurrentUser.require();
		Row stored = editable(id, user);
		store.delete(id);
		events.publishEvent(new SavedQueryDeleted(Actor.current(), id, stored.name(), stored.ownerName()));
	}

	private Row visible(UUID id, CurrentUser user) {
		Row row = store.find(id).orElseThrow(() -> new NotFound("Saved query", id));
		boolean own = row.ownerId().equals(user.id());
		if (!own && row.visibility() != SavedQueryVisibility.SHARED) {
			throw new NotFound("Saved query", id);
		}
		if (!own && !user.isAdmin() && !connections.visibleIds().contains(row.connectionId())) {
			throw new NotFound("Saved query", id);
		}
		return row;
	}

	private Row editable(UUID id, CurrentUser user) {
		Row row = visible(id, user);
		if (!editable(row, user)) {
			throw new AccessDeniedException("Only its owner or an administrator may change this saved query");
		}
		return row;
	}

	private static boolean editable(Row row, CurrentUser user) {
		return row.ownerId().equals(user.id()) || user.isAdmin();
	}

	private Row checked(SavedQueryDraft d, UUID id, UUID ownerId, String ownerName, Instant createdAt) {
		Map<String, String> errors = new LinkedHashMap<>();
		String name = d.name() == null ? "" : d.name().strip();
		if (name.isEmpty() || name.length() > MAX_NAME || SafeTextValidator.firstUnsafe(name, false) >= 0) {
			errors.put("name", "A name of 1 to " + MAX_NAME + " characters, without control or formatting characters");
		}
		String description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
		if (description != null && (description.length() > MAX_DESCRIPTION
				|| SafeTextValidator.firstUnsafe(description, true) >= 0)) {
			errors.put("description", "At most " + MAX_DESCRIPTION
					+ " characters, without control or formatting characters");
		}
		String sql = d.sql() == null ? "" : d.sql();
		if (sql.isBlank() || sql.length() > MAX_SQL || SafeTextValidator.firstUnsafe(sql, true) >= 0) {
			// bidirectional controls in shared SQL could make it run something other than what readers see
			errors.put("sql", "Between 1 and " + MAX_SQL
					+ " characters, without control, bidirectional or invisible formatting characters");
		}
		String database = d.database() == null || d.database().isEmpty() ? null : d.database();
		if (database != null && (database.length() > 255 || SafeTextValidator.firstUnsafe(database, false) >= 0)) {
			errors.put("database", "A database name of at most 255 characters, without control characters");
		}
		if (d.connectionId() == null) {
			errors.put("connectionId", "Choose the connection the query runs on");
		}
		SavedQueryChart chart = d.chart() == null ? null : chart(d.chart(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		ResolvedConnection connection = connections.resolve(d.connectionId()); // not visible: 404
		if (database != null && !connection.browseAllDatabases() && !database.equals(connection.spec().database())) {
			throw new InvalidInput("database", "This connection may only use its own database");
		}
		SavedQueryVisibility visibility = d.visibility() == null ? SavedQueryVisibility.PRIVATE : d.visibility();
		return new Row(id, ownerId, ownerName, name, description, d.connectionId(), database, sql, visibility,
				createdAt, Instant.now(), chart);
	}

	/** The chart with its aggregation defaulted, or null with the errors added. */
	private static @Nullable SavedQueryChart chart(SavedQueryChart c, Map<String, String> errors) {
		int before = errors.size();
		if (c.type() == null) {
			errors.put("chart.type", "One of BAR, LINE, AREA, SCATTER, PIE");
		}
		if (!columnName(c.x())) {
			errors.put("chart.x", "A result column name of 1 to " + MAX_COLUMN_NAME
					+ " characters, without control or formatting characters");
		}
		List<String> ys = c.ys() == null ? List.of() : c.ys();
		if (ys.isEmpty() || ys.size() > MAX_CHART_COLUMNS || !ys.stream().allMatch(SavedQueries::columnName)
				|| new HashSet<>(ys).size() != ys.size()) {
			errors.put("chart.ys", "1 to " + MAX_CHART_COLUMNS + " different result column names of 1 to "
					+ MAX_COLUMN_NAME + " characters, without control or formatting characters");
		}
		if (errors.size() > before) {
			return null;
		}
		return new SavedQueryChart(c.type(), c.x(), List.copyOf(ys),
				c.aggregation() == null ? ChartAggregation.NONE : c.aggregation());
	}

	private static boolean columnName(@Nullable String name) {
		return name != null && !name.isEmpty() && name.length() <= MAX_COLUMN_NAME
				&& SafeTextValidator.firstUnsafe(name, false) < 0;
	}

	private static SavedQuery view(Row r, CurrentUser user) {
		return new SavedQuery(r.id(), r.name(), r.description(), r.connectionId(), r.database(), r.sql(),
				r.visibility(), r.ownerId(), r.ownerName(), editable(r, user), r.createdAt(), r.updatedAt(), r.chart());
	}
}

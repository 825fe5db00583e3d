package dev.steward.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.masking.internal.CatalogColumns;
import dev.steward.masking.internal.CatalogColumns.Catalog;
import dev.steward.masking.internal.CompiledPolicy;
import dev.steward.masking.internal.PolicyStore;
import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.security.SecuritySettingsSource;

/**
 * The masking API for the modules that let rows out (console, grid, exports): decided on the request thread, for
 * the caller, then applied to results wherever they are read.
 */
@Service
public class ResultMasking {

	private final PolicyStore store;

	private final CatalogColumns catalogs;

	private final ConnectionLookup connections;

	private final SecuritySettingsSource settings;

	ResultMasking(PolicyStore store, CatalogColumns catalogs, ConnectionLookup connections,
			SecuritySettingsSource settings) {
		this.store = store;
		this.catalogs = catalogs;
		this.connections = connections;
		this.settings = settings;
	}

	/** As {@link #forUser} for the current user on a connection they may see (404 otherwise). */
	public DataMasking forCurrentUser(UUID connectionId, @Nullable String database) {
		CurrentUser user = CurrentUser.require();
		if (!settings.current().masking() || store.viewUnmasked(user.role())) {
			return DataMasking.none();
		}
		return forUser(user, connections.resolve(connectionId), database);
	}

	/** Whether {@code role} sees data unmasked (ADMIN by default; a per-role setting). */
	public boolean viewsUnmasked(Role role) {
		return store.viewUnmasked(role);
	}

	/**
	 * Masking for {@code user} reading {@code database} (the connection's own when null) of {@code connection}. The
	 * database's catalog is read only when a column must be decided, and then briefly cached.
	 */
	public DataMasking forUser(CurrentUser user, ResolvedConnection connection, @Nullable String database) {
		// the security settings' switch turns every policy off at once (on until an administrator turns it off)
		if (!settings.current().masking() || store.viewUnmasked(user.role())) {
			return DataMasking.none();
		}
		List<CompiledPolicy> policies = store.all().stream().map(CompiledPolicy::of)
			.filter(p -> p.on(connection.id())).toList();
		if (policies.isEmpty()) {
			return DataMasking.none();
		}
		List<String> names = new ArrayList<>();
		if (database != null) {
			names.add(database);
		}
		String own = connection.spec().database();
		if (own != null && database == null) {
			names.add(own);
		}
		Memo memo = new Memo(() -> catalogs.of(connection, database));
		return new DataMasking(connection.id(), policies, List.copyOf(names), memo::get);
	}

	/** Reads the catalog once per {@link DataMasking}. */
	private static final class Memo {

		private final java.util.function.Supplier<Optional<Catalog>> source;

		private volatile @Nullable Optional<Catalog> value;

		Memo(java.util.function.Supplier<Optional<Catalog>> source) {
			this.source = source;
		}

		Optional<Catalog> get() {
			Optional<Catalog> v = value;
			if (v == null) {
				v = source.get();
				value = v;
			}
			return v;
		}
	}
}

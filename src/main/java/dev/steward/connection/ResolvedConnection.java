package dev.steward.connection;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.PoolKey;

/**
 * A registered connection the current user may use, with its secrets decrypted for the engine.
 * In memory only: never serialise it into a response, an event or a log line.
 * <p>
 * For a connection with an SSH tunnel, {@link #spec()} points at the tunnel's local end and opens the tunnel when
 * first asked (so resolving only to check visibility or read the name never contacts the SSH server); it may then
 * throw {@link dev.steward.engine.TargetUnreachable} or {@link SshHostKeyChanged}.
 *
 * @param browseAllDatabases whether the catalog may show other databases of the server than the connection's own
 */
public final class ResolvedConnection {

	private final UUID id;

	private final String name;

	private final EngineKind engine;

	private final Supplier<ConnectionSpec> reach;

	private final UUID ownerId;

	private final boolean shared;

	private final boolean active;

	private final boolean browseAllDatabases;

	public ResolvedConnection(UUID id, String name, EngineKind engine, ConnectionSpec spec, UUID ownerId,
			boolean shared, boolean active, boolean browseAllDatabases) {
		this(id, name, engine, () -> spec, ownerId, shared, active, browseAllDatabases);
	}

	/** {@code reach} gives the spec to connect with, opening whatever is in between (a tunnel) on demand. */
	public ResolvedConnection(UUID id, String name, EngineKind engine, Supplier<ConnectionSpec> reach, UUID ownerId,
			boolean shared, boolean active, boolean browseAllDatabases) {
		this.id = id;
		this.name = name;
		this.engine = engine;
		this.reach = reach;
		this.ownerId = ownerId;
		this.shared = shared;
		this.active = active;
		this.browseAllDatabases = browseAllDatabases;
	}

	public UUID id() {
		return id;
	}

	public String name() {
		return name;
	}

	public EngineKind engine() {
		return engine;
	}

	/** How to reach the database now: through the connection's SSH tunnel when it has one. */
	public ConnectionSpec spec() {
		return reach.get();
	}

	public UUID ownerId() {
		return ownerId;
	}

	public boolean shared() {
		return shared;
	}

	public boolean active() {
		return active;
	}

	public boolean browseAllDatabases() {
		return browseAllDatabases;
	}

	/** The key under which {@link dev.steward.engine.TargetPools} keeps this connection's own pool. */
	public PoolKey poolKey() {
		return PoolKey.of(id);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ResolvedConnection o && id.equals(o.id) && name.equals(o.name) && engine == o.engine
				&& ownerId.equals(o.ownerId) && shared == o.shared && active == o.active
				&& browseAllDatabases == o.browseAllDatabases;
	}

	@Override
	public int hashCode() {
		return Objects.hash(id, name, engine, ownerId, shared, active, browseAllDatabases);
	}

	@Override
	public String toString() {
		return "ResolvedConnection[" + id + ", " + name + ", " + engine + "]";
	}
}

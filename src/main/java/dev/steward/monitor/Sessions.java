package dev.steward.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.SessionControl;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetPools;
import dev.steward.engine.TargetSession;
import dev.steward.monitor.SessionEvents.IdleSessionsClosed;
import dev.steward.monitor.SessionEvents.SessionSignalled;
import dev.steward.monitor.internal.MonitorProperties;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Sessions on a target server through the engine's {@link SessionControl}, on the connection's own bounded pool,
 * every statement under the monitor's sample timeout. Cancel, terminate and close-idle need the right to write to
 * the connection (its operating owner or an ADMIN), are audited, and never touch Steward's own sessions. Only the
 * sessions in the connection's own database are seen unless it may browse the server's other databases.
 */
@Service
public class Sessions {

	/** Sessions listed at most (a server allows a few thousand at most in practice). */
	public static final int MAX_LISTED = 2000;

	/** The longest idle threshold close-idle takes: 30 days. */
	public static final long MAX_IDLE_SECONDS = 30L * 24 * 3600;

	private final ConnectionLookup lookup;

	private final Engines engines;

	private final TargetPools pools;

	private final MonitorProperties properties;

	private final ApplicationEventPublisher events;

	Sessions(ConnectionLookup lookup, Engines engines, TargetPools pools, MonitorProperties properties,
			ApplicationEventPublisher events) {
		this.lookup = lookup;
		this.engines = engines;
		this.pools = pools;
		this.properties = properties;
		this.events = events;
	}

	public List<SessionView> list(UUID connectionId) {
		ResolvedConnection connection = lookup.resolveActive(connectionId);
		return sessions(connection, control(connection)).stream().map(Sessions::view).toList();
	}

	@Transactional
	public SessionView cancel(UUID connectionId, String sid) {
		return signal(connectionId, sid, "cancel");
	}

	@Transactional
	public SessionView terminate(UUID connectionId, String sid) {
		return signal(connectionId, sid, "terminate");
	}

	/** Ends every idle session (not Steward's) idle for at least {@code idleSeconds}; returns their ids. */
	@Transactional
	public List<String> closeIdle(UUID connectionId, long idleSeconds) {
		ResolvedConnection connection = lookup.resolveWritable(connectionId);
		if (idleSeconds < 1 || idleSeconds > MAX_IDLE_SECONDS) {
			throw new InvalidInput("idleSeconds", "must be between 1 and " + MAX_IDLE_SECONDS);
		}
		SessionControl control = control(connection);
		ConnectionSpec spec = connection.spec();
		TargetPool pool = pools.get(connection.poolKey(), spec);
		List<String> closed = new ArrayList<>();
		for (TargetSession s : control.list(pool, spec, timeout(), MAX_LISTED, connection.browseAllDatabases())) {
			if (s.idle() && !s.steward() && s.stateSeconds() != null && s.stateSeconds() >= idleSeconds
					&& control.terminate(pool, spec, s.id(), timeout())) {
				closed.add(s.id());
			}
		}
		events.publishEvent(new IdleSessionsClosed(Actor.current(), connection.id(), connection.name(), idleSeconds,
				closed, Instant.now()));
		return closed;
	}

	private SessionView signal(UUID connectionId, String sid, String action) {
		ResolvedConnection connection = lookup.resolveWritable(connectionId);
		SessionControl control = control(connection);
		String id = control.parseId(sid)
			.orElseThrow(() -> new InvalidInput("sid", "is not a session id of " + connection.engine().name()));
		TargetSession session = sessions(connection, control).stream().filter(s -> s.id().equals(id)).findFirst()
			.orElseThrow(() -> new NotFound("session", id));
		if (session.steward()) {
			throw new Conflict("Session " + id + " is one of Steward's own connections; Steward does not end those");
		}
		ConnectionSpec spec = connection.spec();
		TargetPool pool = pools.get(connection.poolKey(), spec);
		boolean found = action.equals("cancel") ? control.cancel(pool, spec, id, timeout())
				: control.terminate(pool, spec, id, timeout());
		events.publishEvent(new SessionSignalled(Actor.current(), connection.id(), connection.name(), action, id, found,
				Instant.now()));
		if (!found) {
			throw new NotFound("session", id);
		}
		return view(session);
	}

	private List<TargetSession> sessions(ResolvedConnection connection, SessionControl control) {
		ConnectionSpec spec = connection.spec();
		return control.list(pools.get(connection.poolKey(), spec), spec, timeout(), MAX_LISTED,
				connection.browseAllDatabases());
	}

	private SessionControl control(ResolvedConnection connection) {
		return engines.capability(connection.engine(), SessionControl.class);
	}

	private Duration timeout() {
		return properties.sampleTimeout();
	}

	private static SessionView view(TargetSession s) {
		return new SessionView(s.id(), s.user(), s.client(), s.database(), s.application(), s.state(), s.idle(),
				s.stateSeconds(), s.querySeconds(), s.query(), s.waitEvent(), s.blockedBy(), s.steward());
	}
}

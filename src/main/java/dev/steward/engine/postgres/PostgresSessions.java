package dev.steward.engine.postgres;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SessionControl;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetSession;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.OwnSessions;
import dev.steward.engine.support.SessionIds;

/**
 * Sessions from {@code pg_stat_activity} (client backends of the whole server), blockers from
 * {@code pg_blocking_pids}; cancel and end with {@code pg_cancel_backend} / {@code pg_terminate_backend}. Steward's
 * own sessions are those of its pools and those whose {@code application_name} starts with "steward" (pools,
 * catalog tools, dumps and restores all set one).
 */
@Component
class PostgresSessions implements SessionControl {

	private static final String LIST = """
			SELECT pid, usename, client_addr::text AS client_addr, client_port, datname, application_name, state,
			  extract(epoch FROM now() - state_change)::bigint AS state_seconds,
			  extract(epoch FROM now() - query_start)::bigint AS query_seconds,
			  query, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,
			  pid = pg_backend_pid() AS me
			FROM pg_stat_activity WHERE backend_type = 'client backend' AND (? OR datname = current_database())
			ORDER BY query_start NULLS LAST, pid LIMIT ?""";

	/** Query text is cut here: a session list is no place for a megabyte statement. */
	static final int MAX_QUERY = 4000;

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public Optional<String> parseId(String raw) {
		return SessionIds.positive(raw, Integer.MAX_VALUE);
	}

	@Override
	public List<TargetSession> list(TargetPool pool, ConnectionSpec spec, Duration timeout, int limit,
			boolean allDatabases) {
		Set<String> own = OwnSessions.of(OwnSessions.serverKey(spec.host(), spec.port()));
		return CatalogJdbc.withConnection(pool,
				c -> CatalogJdbc.query(c, timeout, LIST, rs -> session(rs, own), allDatabases, limit));
	}

	private static TargetSession session(ResultSet rs, Set<String> own) throws SQLException {
		String pid = Long.toString(rs.getLong("pid"));
		String application = rs.getString("application_name");
		String state = rs.getString("state");
		String addr = rs.getString("client_addr");
		int port = rs.getInt("client_port");
		String client = addr == null ? (port == -1 ? "local socket" : null) : stripMask(addr) + ":" + port;
		String waitType = rs.getString("wait_event_type");
		String wait = rs.getString("wait_event");
		boolean steward = rs.getBoolean("me") || own.contains(pid)
				|| (application != null && application.toLowerCase(Locale.ROOT).startsWith("steward"));
		return new TargetSession(pid, rs.getString("usename"), client, rs.getString("datname"), application, state,
				"idle".equals(state), CatalogJdbc.getLong(rs, "state_seconds"), CatalogJdbc.getLong(rs, "query_seconds"),
				cut(rs.getString("query")), wait == null ? null : waitType + ": " + wait, blockers(rs.getArray("blocked_by")),
				steward);
	}

	private static String stripMask(String addr) {
		int slash = addr.indexOf('/');
		return slash < 0 ? addr : addr.substring(0, slash);
	}

	static String cut(String query) {
		return query == null || query.length() <= MAX_QUERY ? query : query.substring(0, MAX_QUERY) + "…";
	}

	private static List<String> blockers(Array array) throws SQLException {
		List<String> out = new ArrayList<>();
		if (array != null) {
			for (Object o : (Object[]) array.getArray()) {
				out.add(String.valueOf(o));
			}
		}
		return out;
	}

	@Override
	public boolean cancel(TargetPool pool, ConnectionSpec spec, String id, Duration timeout) {
		return signal(pool, timeout, "SELECT pg_cancel_backend(?)", id);
	}

	@Override
	public boolean terminate(TargetPool pool, ConnectionSpec spec, String id, Duration timeout) {
		return signal(pool, timeout, "SELECT pg_terminate_backend(?)", id);
	}

	private static boolean signal(TargetPool pool, Duration timeout, String sql, String id) {
		int pid = Integer.parseInt(id);
		return CatalogJdbc.withConnection(pool,
				c -> CatalogJdbc.queryOne(c, timeout, sql, rs -> rs.getBoolean(1), pid).orElse(false));
	}
}

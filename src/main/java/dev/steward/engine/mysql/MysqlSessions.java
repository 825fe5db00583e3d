package dev.steward.engine.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Threads from {@code information_schema.PROCESSLIST}; open transactions and lock waits from InnoDB's
 * {@code INNODB_TRX} / {@code INNODB_LOCK_WAITS} (MariaDB) or {@code performance_schema.data_lock_waits}
 * (MySQL 8); {@code KILL QUERY} / {@code KILL CONNECTION}. Steward's own threads are those its pools opened
 * (MariaDB shows connection attributes only with performance_schema on, so the pools remember their thread ids).
 */
@Component
class MysqlSessions implements SessionControl {

	private static final String LIST = """
			SELECT ID, USER, HOST, DB, COMMAND, TIME, STATE, INFO, ID = CONNECTION_ID() AS ME
			FROM information_schema.PROCESSLIST
			WHERE COMMAND NOT IN ('Daemon', 'Binlog Dump') AND USER NOT IN ('system user', 'event_scheduler')
			  AND (? OR DB = DATABASE())
			ORDER BY TIME DESC, ID LIMIT ?""";

	private static final String TRANSACTIONS = "SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX";

	private static final List<String> LOCK_WAITS = List.of("""
			SELECT r.trx_mysql_thread_id AS waiting, b.trx_mysql_thread_id AS blocking
			FROM information_schema.INNODB_LOCK_WAITS w
			JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
			JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id""", """
			SELECT r.trx_mysql_thread_id AS waiting, b.trx_mysql_thread_id AS blocking
			FROM performance_schema.data_lock_waits w
			JOIN information_schema.INNODB_TRX r ON r.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID
			JOIN information_schema.INNODB_TRX b ON b.trx_id = w.BLOCKING_ENGINE_TRANSACTION_ID""");

	/** MySQL and MariaDB: "Unknown thread id". */
	private static final int UNKNOWN_THREAD = 1094;

	private static final int MAX_QUERY = 4000;

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public Optional<String> parseId(String raw) {
		return SessionIds.positive(raw, Long.MAX_VALUE);
	}

	@Override
	public List<TargetSession> list(TargetPool pool, ConnectionSpec spec, Duration timeout, int limit,
			boolean allDatabases) {
		Set<String> own = OwnSessions.of(OwnSessions.serverKey(spec.host(), spec.port()));
		return CatalogJdbc.withConnection(pool, c -> {
			Set<String> inTransaction = new HashSet<>(optional(c, timeout, TRANSACTIONS));
			Map<String, List<String>> blockers = blockers(c, timeout);
			return CatalogJdbc.query(c, timeout, LIST, rs -> {
				String id = Long.toString(rs.getLong("ID"));
				String command = rs.getString("COMMAND");
				String info = rs.getString("INFO");
				boolean sleeping = "Sleep".equals(command);
				Long time = CatalogJdbc.getLong(rs, "TIME");
				return new TargetSession(id, rs.getString("USER"), rs.getString("HOST"), rs.getString("DB"), null,
						sleeping && inTransaction.contains(id) ? "Sleep in transaction" : command,
						sleeping && !inTransaction.contains(id), time, sleeping ? null : time,
						info == null || info.length() <= MAX_QUERY ? info : info.substring(0, MAX_QUERY) + "…",
						rs.getString("STATE") == null || rs.getString("STATE").isEmpty() ? null : rs.getString("STATE"),
						blockers.getOrDefault(id, List.of()), rs.getBoolean("ME") || own.contains(id));
			}, allDatabases, limit);
		});
	}

	/** Waiting thread → the threads holding what it waits for; empty where neither lock view can be read. */
	private static Map<String, List<String>> blockers(Connection c, Duration timeout) {
		for (String sql : LOCK_WAITS) {
			try {
				Map<String, List<String>> out = new HashMap<>();
				CatalogJdbc.query(c, timeout, sql, rs -> out
					.computeIfAbsent(rs.getString("waiting"), k -> new java.util.ArrayList<>())
					.add(rs.getString("blocking")));
				return out;
			}
			catch (SQLException e) {
				// MySQL 8 has no INNODB_LOCK_WAITS; MariaDB has no data_lock_waits: try the next
			}
		}
		return Map.of();
	}

	private static List<String> optional(Connection c, Duration timeout, String sql) {
		try {
			return CatalogJdbc.query(c, timeout, sql, rs -> rs.getString(1));
		}
		catch (SQLException e) {
			return List.of(); // no InnoDB, or no PROCESS privilege: no transaction information
		}
	}

	@Override
	public boolean cancel(TargetPool pool, ConnectionSpec spec, String id, Duration timeout) {
		return kill(pool, timeout, "KILL QUERY ", id);
	}

	@Override
	public boolean terminate(TargetPool pool, ConnectionSpec spec, String id, Duration timeout) {
		return kill(pool, timeout, "KILL CONNECTION ", id);
	}

	/** KILL takes no bind parameter; the id is a parsed long, so its decimal form is all that is appended. */
	private static boolean kill(TargetPool pool, Duration timeout, String verb, String id) {
		long thread = Long.parseLong(id);
		return CatalogJdbc.withConnection(pool, c -> {
			try (Statement s = c.createStatement()) {
				s.setQueryTimeout(CatalogJdbc.seconds(timeout));
				s.execute(verb + thread);
				return true;
			}
			catch (SQLException e) {
				if (e.getErrorCode() == UNKNOWN_THREAD) {
					return false;
				}
				throw e;
			}
		});
	}
}

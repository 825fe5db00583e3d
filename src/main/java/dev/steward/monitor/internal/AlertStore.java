package dev.steward.monitor.internal;

import static dev.steward.monitor.internal.AlertRuleStore.instant;
import static dev.steward.monitor.internal.AlertRuleStore.instantOrNull;
import static dev.steward.monitor.internal.SampleStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.monitor.AlertFilter;
import dev.steward.monitor.AlertLevel;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertState;
import dev.steward.monitor.AlertView;

/**
 * The {@code alerts} table. Every transition is a conditional update on the state it leaves (and the last
 * notification time for a repeat), so when several instances evaluate, exactly one of them makes each move and
 * notifies; opening relies on the unique {@code open_key}.
 */
@Component
public class AlertStore {

	private static final String SELECT = "SELECT a.*, r.name AS rule_name FROM alerts a JOIN alert_rules r ON r.id = a.rule_id";

	private final JdbcClient jdbc;

	/** The opening insert runs in a savepoint: losing the race must not abort the caller's transaction (PostgreSQL). */
	private final TransactionTemplate nested;

	public AlertStore(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.nested = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	static String openKey(UUID ruleId, UUID connectionId) {
		return ruleId + ":" + connectionId;
	}

	/** A subject key: the connection id, or {@code target:<key>} for a storage target. */
	static String openKey(UUID ruleId, String subjectKey) {
		return ruleId + ":" + subjectKey;
	}

	/** The open alerts of a rule by subject key (what follows the rule id in the open key): one query per check. */
	public Map<String, AlertView> openOfRuleBySubject(UUID ruleId) {
		Map<String, AlertView> out = new HashMap<>();
		String prefix = ruleId + ":";
		jdbc.sql(SELECT + " WHERE a.rule_id = :r AND a.open_key IS NOT NULL").param("r", ruleId).query(rs -> {
			out.put(rs.getString("open_key").substring(prefix.length()), map(rs));
		});
		return out;
	}

	public Optional<AlertView> open(UUID ruleId, UUID connectionId) {
		return jdbc.sql(SELECT + " WHERE a.open_key = :k").param("k", openKey(ruleId, connectionId))
			.query((rs, i) -> map(rs)).optional();
	}

	/** The open (PENDING or FIRING) alerts of a connection by rule: one query per sample. */
	public Map<UUID, AlertView> openOfConnection(UUID connectionId) {
		Map<UUID, AlertView> out = new HashMap<>();
		jdbc.sql(SELECT + " WHERE a.connection_id = :c AND a.open_key IS NOT NULL").param("c", connectionId)
			.query((rs, i) -> map(rs)).list().forEach(a -> out.put(a.ruleId(), a));
		return out;
	}

	public List<AlertView> openOfRule(UUID ruleId) {
		return jdbc.sql(SELECT + " WHERE a.rule_id = :r AND a.open_key IS NOT NULL").param("r", ruleId)
			.query((rs, i) -> map(rs)).list();
	}

	public Optional<AlertView> find(UUID id) {
		return jdbc.sql(SELECT + " WHERE a.id = :id").param("id", id).query((rs, i) -> map(rs)).optional();
	}

	/** Opens an alert as PENDING or FIRING; false when another instance opened it first. */
	public boolean insert(UUID id, AlertRuleView rule, UUID connectionId, String connectionName, AlertState state,
			double value, String message, Instant now) {
		return insert(id, rule, connectionId, connectionId.toString(), connectionName, state, value, message, now);
	}

	/** As above for any subject: {@code connectionId} null for a storage target. */
	public boolean insert(UUID id, AlertRuleView rule, @Nullable UUID connectionId, String subjectKey,
			String connectionName, AlertState state, double value, String message, Instant now) {
		boolean firing = state == AlertState.FIRING;
		try {
			nested.executeWithoutResult(tx -> jdbc.sql("""
					INSERT INTO alerts (id, rule_id, connection_id, connection_name, open_key, state, level, metric,
					  threshold, last_value, message, pending_since, fired_at, last_notified_at, notify_count, updated_at)
					VALUES (:id, :rule, :c, :cn, :k, :s, :level, :metric, :t, :v, :msg, :now, :fired, :fired, :n, :now)""")
				.param("id", id).param("rule", rule.id()).param("c", connectionId).param("cn", cut(connectionName, 200))
				.param("k", openKey(rule.id(), subjectKey)).param("s", state.name()).param("level", rule.level().name())
				.param("metric", rule.metric()).param("t", rule.threshold()).param("v", value)
				.param("msg", cut(message, 1000)).param("now", utc(now)).param("fired", firing ? utc(now) : null)
				.param("n", firing ? 1 : 0).update());
			return true;
		}
		catch (DuplicateKeyException e) {
			return false;
		}
	}

	public void recordValue(UUID id, double value) {
		jdbc.sql("UPDATE alerts SET last_value = :v WHERE id = :id").param("v", value).param("id", id).update();
	}

	/** PENDING ──▶ FIRING; {@code notified} says whether channels were told (not while silenced). */
	public boolean fire(UUID id, double value, String message, boolean notified, Instant now) {
		return jdbc.sql("""
				UPDATE alerts SET state = 'FIRING', fired_at = :now, last_value = :v, message = :msg,
				  last_notified_at = :ln, notify_count = notify_count + :n, updated_at = :now
				WHERE id = :id AND state = 'PENDING'""")
			.param("now", utc(now)).param("v", value).param("msg", cut(message, 1000))
			.param("ln", notified ? utc(now) : null).param("n", notified ? 1 : 0).param("id", id).update() == 1;
	}

	/** A repeat of a firing alert; only the instance that moves the last notification time sends it. */
	public boolean renotify(UUID id, @Nullable Instant previous, double value, Instant now) {
		String same = previous == null ? "last_notified_at IS NULL" : "last_notified_at = :prev";
		var spec = jdbc.sql("UPDATE alerts SET last_notified_at = :now, notify_count = notify_count + 1, last_value = :v, "
				+ "updated_at = :now WHERE id = :id AND state = 'FIRING' AND " + same)
			.param("now", utc(now)).param("v", value).param("id", id);
		if (previous != null) {
			spec = spec.param("prev", utc(previous));
		}
		return spec.update() == 1;
	}

	/** FIRING ──▶ RESOLVED; frees the open key for the next alert of the rule on the connection. */
	public boolean resolve(UUID id, @Nullable Double value, Instant now) {
		return jdbc.sql("""
				UPDATE alerts SET state = 'RESOLVED', open_key = NULL, resolved_at = :now, last_value = :v, updated_at = :now
				WHERE id = :id AND state = 'FIRING'""")
			.param("now", utc(now)).param("v", value).param("id", id).update() == 1;
	}

	/** A pending alert whose condition stopped before its duration leaves no trace. */
	public boolean dropPending(UUID id) {
		return jdbc.sql("DELETE FROM alerts WHERE id = :id AND state = 'PENDING'").param("id", id).update() == 1;
	}

	public boolean acknowledge(UUID id, String by, @Nullable String comment, Instant now) {
		return jdbc.sql("""
				UPDATE alerts SET acknowledged_at = :now, acknowledged_by = :by, ack_comment = :c, updated_at = :now
				WHERE id = :id AND state <> 'RESOLVED'""")
			.param("now", utc(now)).param("by", cut(by, 100)).param("c", comment).param("id", id).update() == 1;
	}

	public boolean silence(UUID id, String by, Instant until, Instant now) {
		return jdbc.sql("""
				UPDATE alerts SET silenced_until = :u, silenced_by = :by, updated_at = :now
				WHERE id = :id AND state <> 'RESOLVED'""")
			.param("u", utc(until)).param("by", cut(by, 100)).param("now", utc(now)).param("id", id).update() == 1;
	}

	/** Firing alerts per connection, for the overview. */
	public Map<UUID, Integer> firingCounts() {
		Map<UUID, Integer> out = new HashMap<>();
		jdbc.sql("SELECT connection_id, count(*) FROM alerts WHERE state = 'FIRING' GROUP BY connection_id")
			.query(rs -> {
				UUID connection = rs.getObject(1, UUID.class);
				if (connection != null) {
					out.put(connection, rs.getInt(2));
				}
			});
		return out;
	}

	/** A page of alerts of the given connections, newest first; null filters match everything. */
	public List<AlertView> page(Collection<UUID> connections, AlertFilter f, int offset, int limit) {
		Map<String, Object> p = new HashMap<>();
		String where = where(connections, f, p);
		p.put("lim", limit);
		p.put("off", offset);
		return jdbc.sql(SELECT + where + " ORDER BY a.updated_at DESC, a.id LIMIT :lim OFFSET :off").params(p)
			.query((rs, i) -> map(rs)).list();
	}

	public long count(Collection<UUID> connections, AlertFilter f) {
		Map<String, Object> p = new HashMap<>();
		String where = where(connections, f, p);
		return jdbc.sql("SELECT count(*) FROM alerts a" + where).params(p).query(Long.class).single();
	}

	private static String where(Collection<UUID> connections, AlertFilter f, Map<String, Object> p) {
		// storage-target alerts (no connection) are everyone's: free space is no secret of any connection
		StringBuilder w = new StringBuilder(connections.isEmpty() ? " WHERE a.connection_id IS NULL"
				: " WHERE (a.connection_id IN (:cs) OR a.connection_id IS NULL)");
		if (!connections.isEmpty()) {
			p.put("cs", new ArrayList<>(connections));
		}
		if (f.states() != null && !f.states().isEmpty()) {
			w.append(" AND a.state IN (:states)");
			p.put("states", f.states().stream().map(Enum::name).toList());
		}
		if (f.level() != null) {
			w.append(" AND a.level = :level");
			p.put("level", f.level().name());
		}
		if (f.connectionId() != null) {
			w.append(" AND a.connection_id = :c");
			p.put("c", f.connectionId());
		}
		if (f.acknowledged() != null) {
			w.append(f.acknowledged() ? " AND a.acknowledged_at IS NOT NULL" : " AND a.acknowledged_at IS NULL");
		}
		return w.toString();
	}

	private static AlertView map(ResultSet rs) throws SQLException {
		double v = rs.getDouble("last_value");
		Double last = rs.wasNull() ? null : v;
		return new AlertView(rs.getObject("id", UUID.class), rs.getObject("rule_id", UUID.class),
				rs.getString("rule_name"), rs.getObject("connection_id", UUID.class), rs.getString("connection_name"),
				AlertState.valueOf(rs.getString("state")), AlertLevel.valueOf(rs.getString("level")),
				rs.getString("metric"), rs.getDouble("threshold"), last, rs.getString("message"),
				instant(rs, "pending_since"), instantOrNull(rs, "fired_at"), instantOrNull(rs, "resolved_at"),
				instantOrNull(rs, "last_notified_at"), rs.getInt("notify_count"), instantOrNull(rs, "acknowledged_at"),
				rs.getString("acknowledged_by"), rs.getString("ack_comment"), instantOrNull(rs, "silenced_until"),
				rs.getString("silenced_by"));
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}

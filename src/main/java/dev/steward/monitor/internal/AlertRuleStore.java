package dev.steward.monitor.internal;

import static dev.steward.monitor.internal.SampleStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.monitor.AlertComparison;
import dev.steward.monitor.AlertLevel;
import dev.steward.monitor.AlertRuleKind;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertScope;

/** The {@code alert_rules} and {@code alert_rule_channels} tables. */
@Component
public class AlertRuleStore {

	private final JdbcClient jdbc;

	public AlertRuleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<AlertRuleView> all() {
		Map<UUID, List<UUID>> channels = channels();
		return jdbc.sql("SELECT * FROM alert_rules ORDER BY name")
			.query((rs, i) -> map(rs, channels))
			.list();
	}

	/** The enabled rules, read once per evaluation (few rows). */
	public List<AlertRuleView> enabled() {
		return all().stream().filter(AlertRuleView::enabled).toList();
	}

	public Optional<AlertRuleView> find(UUID id) {
		Map<UUID, List<UUID>> channels = channels();
		return jdbc.sql("SELECT * FROM alert_rules WHERE id = :id").param("id", id)
			.query((rs, i) -> map(rs, channels))
			.optional();
	}

	public boolean nameTaken(String name, @Nullable UUID except) {
		return jdbc.sql("SELECT id FROM alert_rules WHERE name = :n").param("n", name).query(UUID.class).list().stream()
			.anyMatch(id -> !id.equals(except));
	}

	public void insert(AlertRuleView r) {
		jdbc.sql("""
				INSERT INTO alert_rules (id, name, metric, comparison, threshold, hysteresis, for_seconds, level, scope,
				  scope_value, renotify_minutes, window_minutes, enabled, built_in, created_at, updated_at)
				VALUES (:id, :name, :metric, :cmp, :t, :h, :f, :level, :scope, :sv, :rn, :wm, :en, :bi, :now, :now)""")
			.params(params(r)).update();
		saveChannels(r);
	}

	public void update(AlertRuleView r) {
		jdbc.sql("""
				UPDATE alert_rules SET name = :name, metric = :metric, comparison = :cmp, threshold = :t, hysteresis = :h,
				  for_seconds = :f, level = :level, scope = :scope, scope_value = :sv, renotify_minutes = :rn, window_minutes = :wm,
				  enabled = :en, updated_at = :now WHERE id = :id""")
			.params(params(r)).update();
		jdbc.sql("DELETE FROM alert_rule_channels WHERE rule_id = :id").param("id", r.id()).update();
		saveChannels(r);
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM alert_rules WHERE id = :id").param("id", id).update();
	}

	private void saveChannels(AlertRuleView r) {
		for (UUID c : r.channelIds()) {
			jdbc.sql("INSERT INTO alert_rule_channels (rule_id, channel_id) VALUES (:r, :c)").param("r", r.id())
				.param("c", c).update();
		}
	}

	private static Map<String, Object> params(AlertRuleView r) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", r.id());
		p.put("name", r.name());
		p.put("metric", r.metric());
		p.put("cmp", r.comparison().name());
		p.put("t", r.threshold());
		p.put("h", r.hysteresis());
		p.put("f", r.forSeconds());
		p.put("level", r.level().name());
		p.put("scope", r.scope().name());
		p.put("sv", r.scopeValue());
		p.put("rn", r.renotifyMinutes());
		p.put("wm", r.windowMinutes());
		p.put("en", r.enabled());
		p.put("bi", r.builtIn());
		p.put("now", utc(r.updatedAt()));
		return p;
	}

	private Map<UUID, List<UUID>> channels() {
		Map<UUID, List<UUID>> out = new HashMap<>();
		jdbc.sql("SELECT rule_id, channel_id FROM alert_rule_channels").query(rs -> {
			out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
		});
		return out;
	}

	private static AlertRuleView map(ResultSet rs, Map<UUID, List<UUID>> channels) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		String metric = rs.getString("metric");
		return new AlertRuleView(id, rs.getString("name"), metric,
				AlertRuleKind.of(metric).orElse(AlertRuleKind.METRIC), AlertComparison.valueOf(rs.getString("comparison")),
				rs.getDouble("threshold"),
				rs.getDouble("hysteresis"), rs.getInt("for_seconds"), AlertLevel.valueOf(rs.getString("level")),
				AlertScope.valueOf(rs.getString("scope")), rs.getString("scope_value"),
				List.copyOf(channels.getOrDefault(id, List.of())), rs.getInt("renotify_minutes"),
				rs.getInt("window_minutes"), rs.getBoolean("enabled"), rs.getBoolean("built_in"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}
}

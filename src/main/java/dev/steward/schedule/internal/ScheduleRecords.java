package dev.steward.schedule.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;
import dev.steward.schedule.Retention;
import dev.steward.schedule.Timing;
import dev.steward.schedule.TimingType;

/** The {@code schedules} table. */
@Component
public class ScheduleRecords {

	private final JdbcClient jdbc;

	public ScheduleRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(ScheduleRow r) {
		jdbc.sql("""
				INSERT INTO schedules (id, name, connection_id, owner_id, owner_name, kind, compression, compression_level,
				  encrypted, targets, time_zone, enabled, timing_type, timing_minute, timing_hour, timing_day_of_week,
				  timing_day_of_month, cron, quartz_cron, keep_last, keep_days, gfs_days, gfs_weeks, gfs_months, gfs_years,
				  keep_minimum, verify_after, test_restore_cron, test_restore_quartz, test_restore_connection_id, created_at, timing_since,
				  database_mode, database_names)
				VALUES (:id, :name, :cid, :owner, :ownerName, :kind, :compression, :level, :encrypted, :targets, :zone,
				  :enabled, :type, :minute, :hour, :dow, :dom, :cron, :quartz, :keepLast, :keepDays, :gfsDays, :gfsWeeks,
				  :gfsMonths, :gfsYears, :minimum, :verify, :trCron, :trQuartz, :trConnection, :created, :since, :dbMode, :dbNames)""")
			.param("id", r.id())
			.param("owner", r.ownerId())
			.param("ownerName", r.ownerName())
			.param("created", r.createdAt())
			.params(values(r))
			.update();
	}

	public void update(ScheduleRow r) {
		jdbc.sql("""
				UPDATE schedules SET name = :name, connection_id = :cid, kind = :kind, compression = :compression,
				  compression_level = :level, encrypted = :encrypted, targets = :targets, time_zone = :zone,
				  enabled = :enabled, timing_type = :type, timing_minute = :minute, timing_hour = :hour,
				  timing_day_of_week = :dow, timing_day_of_month = :dom, cron = :cron, quartz_cron = :quartz,
				  keep_last = :keepLast, keep_days = :keepDays, gfs_days = :gfsDays, gfs_weeks = :gfsWeeks,
				  gfs_months = :gfsMonths, gfs_years = :gfsYears, keep_minimum = :minimum, verify_after = :verify,
				  test_restore_cron = :trCron, test_restore_quartz = :trQuartz, test_restore_connection_id = :trConnection,
				  timing_since = :since, database_mode = :dbMode, database_names = :dbNames
				WHERE id = :id""").param("id", r.id()).params(values(r)).update();
	}

	private static java.util.Map<String, @Nullable Object> values(ScheduleRow r) {
		java.util.Map<String, @Nullable Object> m = new java.util.HashMap<>();
		m.put("name", r.name());
		m.put("cid", r.connectionId());
		m.put("kind", r.kind().name());
		m.put("compression", r.compression().name());
		m.put("level", r.compressionLevel());
		m.put("encrypted", r.encrypted());
		m.put("targets", String.join(",", r.targets()));
		m.put("zone", r.timeZone());
		m.put("enabled", r.enabled());
		Timing t = r.timing();
		m.put("type", t.type().name());
		m.put("minute", t.minute());
		m.put("hour", t.hour());
		m.put("dow", t.dayOfWeek() == null ? null : t.dayOfWeek().name().substring(0, 3));
		m.put("dom", t.dayOfMonth());
		m.put("cron", r.cron());
		m.put("quartz", r.quartzCron());
		Retention k = r.retention();
		m.put("keepLast", k.keepLast());
		m.put("keepDays", k.keepDays());
		m.put("gfsDays", k.gfsDays());
		m.put("gfsWeeks", k.gfsWeeks());
		m.put("gfsMonths", k.gfsMonths());
		m.put("gfsYears", k.gfsYears());
		m.put("minimum", k.minimum());
		m.put("verify", r.verifyAfter());
		m.put("trCron", r.testRestoreCron());
		m.put("trQuartz", r.testRestoreQuartz());
		m.put("trConnection", r.testRestoreConnectionId());
		m.put("since", r.timingSince());
		m.put("dbMode", r.databaseMode().name());
		m.put("dbNames", r.databases().isEmpty() ? null : String.join(",", r.databases()));
		return m;
	}

	public Optional<ScheduleRow> find(UUID id) {
		return jdbc.sql("SELECT * FROM schedules WHERE id = :id").param("id", id).query(ScheduleRecords::map).optional();
	}

	/** Schedules of the given connections (all when null), by name. */
	public List<ScheduleRow> list(@Nullable Collection<UUID> connectionIds) {
		if (connectionIds == null) {
			return jdbc.sql("SELECT * FROM schedules ORDER BY name, id").query(ScheduleRecords::map).list();
		}
		if (connectionIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM schedules WHERE connection_id IN (:ids) ORDER BY name, id")
			.param("ids", List.copyOf(connectionIds))
			.query(ScheduleRecords::map)
			.list();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM schedules WHERE id = :id").param("id", id).update();
	}

	static ScheduleRow map(ResultSet rs, int n) throws SQLException {
		String dow = rs.getString("timing_day_of_week");
		Timing timing = new Timing(TimingType.valueOf(rs.getString("timing_type")), integer(rs, "timing_minute"),
				integer(rs, "timing_hour"), dow == null ? null : dayOfWeek(dow), integer(rs, "timing_day_of_month"),
				rs.getString("cron"));
		Retention retention = new Retention(integer(rs, "keep_last"), integer(rs, "keep_days"), integer(rs, "gfs_days"),
				integer(rs, "gfs_weeks"), integer(rs, "gfs_months"), integer(rs, "gfs_years"), integer(rs, "keep_minimum"));
		return new ScheduleRow(rs.getObject("id", UUID.class), rs.getString("name"),
				rs.getObject("connection_id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("owner_name"),
				DumpKind.valueOf(rs.getString("kind")), Compression.valueOf(rs.getString("compression")),
				rs.getInt("compression_level"), rs.getBoolean("encrypted"),
				Arrays.stream(rs.getString("targets").split(",")).filter(s -> !s.isBlank()).toList(),
				rs.getString("time_zone"), rs.getBoolean("enabled"), timing, rs.getString("cron"),
				rs.getString("quartz_cron"), retention, rs.getBoolean("verify_after"),
				rs.getString("test_restore_cron"), rs.getString("test_restore_quartz"),
				rs.getObject("test_restore_connection_id", UUID.class), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("timing_since", OffsetDateTime.class),
				dev.steward.schedule.DatabaseMode.valueOf(rs.getString("database_mode")), names(rs.getString("database_names")));
	}

	/** Database names never hold a comma (their pattern leaves it out), so a comma separates them. */
	private static List<String> names(@Nullable String joined) {
		return joined == null ? List.of() : Arrays.stream(joined.split(",")).filter(s -> !s.isBlank()).toList();
	}

	private static DayOfWeek dayOfWeek(String abbreviation) {
		return Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(abbreviation)).findFirst().orElseThrow();
	}

	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, Integer.class);
	}
}

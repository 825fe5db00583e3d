package dev.steward.schedule.internal;

import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.backup.StorageTargetReferences;

/** A storage target a schedule sends backups to cannot be deleted. */
@Component
class ScheduleTargetReferences implements StorageTargetReferences {

	private final JdbcClient jdbc;

	ScheduleTargetReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> referencing(String targetKey) {
		return jdbc.sql("SELECT name, targets FROM schedules ORDER BY name")
			.query((rs, n) -> Arrays.asList(rs.getString("targets").split(",")).contains(targetKey)
					? "schedule '" + rs.getString("name") + "'" : null)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.toList();
	}
}

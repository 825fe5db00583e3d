package dev.steward.backup.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.backup.BackupCopyView;

/**
 * The {@code backup_copies} table: one row per backup and target. A copy moves IN_PROGRESS → COMPLETED or FAILED
 * once; a completed copy may later be removed (deleted by retention on its target).
 */
@Repository
public class BackupCopies {

	private final JdbcClient jdbc;

	BackupCopies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID backupId, String targetKey, String targetName, String location) {
		jdbc.sql("""
				INSERT INTO backup_copies (backup_id, target_key, target_name, status, location)
				VALUES (:id, :key, :name, 'IN_PROGRESS', :location)""")
			.param("id", backupId).param("key", targetKey).param("name", BackupRecords.abbreviate(targetName, 100))
			.param("location", BackupRecords.abbreviate(location, 1500)).update();
	}

	public void complete(UUID backupId, String targetKey, String checksum, long size, OffsetDateTime at) {
		jdbc.sql("""
				UPDATE backup_copies SET status = 'COMPLETED', checksum = :sha, stored_size = :size, finished_at = :at
				  WHERE backup_id = :id AND target_key = :key AND status = 'IN_PROGRESS'""")
			.param("sha", checksum).param("size", size).param("at", at).param("id", backupId).param("key", targetKey)
			.update();
	}

	/** Fails the copy if it is still in progress; answers whether it did. */
	public boolean fail(UUID backupId, String targetKey, String error, OffsetDateTime at) {
		return jdbc.sql("""
				UPDATE backup_copies SET status = 'FAILED', error = :error, finished_at = :at
				  WHERE backup_id = :id AND target_key = :key AND status = 'IN_PROGRESS'""")
			.param("error", BackupRecords.abbreviate(error, 2000)).param("at", at).param("id", backupId)
			.param("key", targetKey).update() == 1;
	}

	/** Every copy still in progress of the backup fails (the whole run failed). */
	public void failOpen(UUID backupId, String error, OffsetDateTime at) {
		jdbc.sql("""
				UPDATE backup_copies SET status = 'FAILED', error = :error, finished_at = :at
				  WHERE backup_id = :id AND status = 'IN_PROGRESS'""")
			.param("error", BackupRecords.abbreviate(error, 2000)).param("at", at).param("id", backupId).update();
	}

	public void delete(UUID backupId, String targetKey) {
		jdbc.sql("DELETE FROM backup_copies WHERE backup_id = :id AND target_key = :key")
			.param("id", backupId).param("key", targetKey).update();
	}

	public List<Copy> of(UUID backupId) {
		return jdbc.sql("SELECT * FROM backup_copies WHERE backup_id = :id ORDER BY target_name, target_key")
			.param("id", backupId).query((rs, n) -> map(rs)).list();
	}

	public Map<UUID, List<Copy>> of(Collection<UUID> backupIds) {
		Map<UUID, List<Copy>> all = new HashMap<>();
		if (backupIds.isEmpty()) {
			return all;
		}
		jdbc.sql("SELECT * FROM backup_copies WHERE backup_id IN (:ids) ORDER BY target_name, target_key")
			.param("ids", List.copyOf(backupIds)).query((rs, n) -> map(rs)).list()
			.forEach(c -> all.computeIfAbsent(c.backupId(), k -> new java.util.ArrayList<>()).add(c));
		return all;
	}

	/** How many copies (any status but FAILED) a target holds. */
	public long countOn(String targetKey) {
		return jdbc.sql("SELECT COUNT(*) FROM backup_copies WHERE target_key = :key AND status <> 'FAILED'")
			.param("key", targetKey).query(Long.class).single();
	}

	public Map<String, Long> countsByTarget() {
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("SELECT target_key, COUNT(*) AS n FROM backup_copies WHERE status <> 'FAILED' GROUP BY target_key")
			.query((rs, n) -> counts.put(rs.getString("target_key"), rs.getLong("n"))).list();
		return counts;
	}

	private static Copy map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Copy(rs.getObject("backup_id", UUID.class), rs.getString("target_key"), rs.getString("target_name"),
				rs.getString("status"), rs.getString("location"), rs.getString("checksum"),
				rs.getObject("stored_size", Long.class), rs.getString("error"),
				rs.getObject("finished_at", OffsetDateTime.class));
	}

	/** One copy. */
	public record Copy(UUID backupId, String targetKey, String targetName, String status, @Nullable String location,
			@Nullable String checksum, @Nullable Long storedSize, @Nullable String error,
			@Nullable OffsetDateTime finishedAt) {

		public boolean good() {
			return "COMPLETED".equals(status);
		}

		public BackupCopyView view() {
			return new BackupCopyView(targetKey, targetName, status, location, checksum, storedSize, error, finishedAt);
		}
	}
}

package dev.steward.recovery.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.recovery.ArchiverState;

/** The recovery tables: archives, archived WAL files, base backups, restore points, restored instances. */
@Repository
public class RecoveryRecords {

	public record Archive(UUID connectionId, String slotName, String storageTarget, int serverMajor, long segmentSize,
			ArchiverState status, @Nullable String reason, OffsetDateTime enabledAt) {
	}

	public record WalFile(String fileName, long seqNo, String objectName, String checksum, long storedSize,
			OffsetDateTime completedAt) {
	}

	public record BaseBackupRow(UUID id, String status, String objectName, @Nullable String checksum,
			@Nullable Long storedSize, @Nullable String startLsn, @Nullable String endLsn, @Nullable Long startSeq,
			@Nullable Long endSeq, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, @Nullable String error) {
	}

	public record RestorePointRow(String name, String lsn, String createdBy, OffsetDateTime createdAt) {
	}

	public record InstanceRow(UUID id, UUID sourceConnectionId, int port, String directory, String target,
			@Nullable String reachedLsn, String instanceId, String createdBy, OffsetDateTime createdAt) {
	}

	private final JdbcClient jdbc;

	RecoveryRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

	static String cut(@Nullable String text, int max) {
		String t = String.valueOf(text);
		return t.length() <= max ? t : t.substring(0, max);
	}

	// ---- archives

	public void upsertArchive(UUID connectionId, String slot, String target, int major, long segmentSize, String by) {
		OffsetDateTime now = now();
		int updated = jdbc.sql("""
				UPDATE recovery_archives SET status = 'STARTING', reason = NULL, server_major = :major,
				  segment_size = :seg, updated_at = :now WHERE connection_id = :id""")
			.param("major", major).param("seg", segmentSize).param("now", now).param("id", connectionId).update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO recovery_archives (connection_id, slot_name, storage_target, server_major, segment_size,
					  status, enabled_by, enabled_at, updated_at)
					VALUES (:id, :slot, :target, :major, :seg, 'STARTING', :by, :now, :now)""")
				.param("id", connectionId).param("slot", slot).param("target", target).param("major", major)
				.param("seg", segmentSize).param("by", cut(by, 100)).param("now", now).update();
		}
	}

	public Optional<Archive> archive(UUID connectionId) {
		return jdbc.sql("SELECT * FROM recovery_archives WHERE connection_id = :id").param("id", connectionId)
			.query((rs, n) -> new Archive(rs.getObject("connection_id", UUID.class), rs.getString("slot_name"),
					rs.getString("storage_target"), rs.getInt("server_major"), rs.getLong("segment_size"),
					ArchiverState.valueOf(rs.getString("status")), rs.getString("reason"),
					rs.getObject("enabled_at", OffsetDateTime.class)))
			.optional();
	}

	/** Archives to resume at start: every one not deliberately stopped. */
	public List<UUID> resumable() {
		return jdbc.sql("SELECT connection_id FROM recovery_archives WHERE status <> 'STOPPED'")
			.query(UUID.class).list();
	}

	public void archiveState(UUID connectionId, ArchiverState state, @Nullable String reason) {
		jdbc.sql("UPDATE recovery_archives SET status = :s, reason = :r, updated_at = :now WHERE connection_id = :id")
			.param("s", state.name()).param("r", reason == null ? null : cut(reason, 2000)).param("now", now())
			.param("id", connectionId).update();
	}

	// ---- WAL files

	public boolean hasWalFile(UUID connectionId, String fileName) {
		return jdbc.sql("SELECT COUNT(*) FROM recovery_wal_files WHERE connection_id = :id AND file_name = :f")
			.param("id", connectionId).param("f", fileName).query(Long.class).single() > 0;
	}

	public void insertWalFile(UUID connectionId, WalFile f, long rawSize) {
		jdbc.sql("""
				INSERT INTO recovery_wal_files (connection_id, file_name, seq_no, object_name, checksum, raw_size,
				  stored_size, completed_at) VALUES (:id, :f, :seq, :obj, :sha, :raw, :stored, :at)""")
			.param("id", connectionId).param("f", f.fileName()).param("seq", f.seqNo()).param("obj", f.objectName())
			.param("sha", f.checksum()).param("raw", rawSize).param("stored", f.storedSize())
			.param("at", f.completedAt()).update();
	}

	/** Every archived file, segments in sequence order (history files, -1, first). */
	public List<WalFile> walFiles(UUID connectionId) {
		return jdbc.sql("""
				SELECT file_name, seq_no, object_name, checksum, stored_size, completed_at FROM recovery_wal_files
				  WHERE connection_id = :id ORDER BY seq_no, file_name""")
			.param("id", connectionId)
			.query((rs, n) -> new WalFile(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), rs.getObject(6, OffsetDateTime.class)))
			.list();
	}

	// ---- base backups

	public void insertBaseBackup(UUID id, UUID connectionId, UUID jobId, String objectName) {
		jdbc.sql("""
				INSERT INTO recovery_base_backups (id, connection_id, job_id, status, object_name, started_at)
				VALUES (:id, :conn, :job, 'IN_PROGRESS', :obj, :now)""")
			.param("id", id).param("conn", connectionId).param("job", jobId).param("obj", objectName)
			.param("now", now()).update();
	}

	public void completeBaseBackup(UUID id, String checksum, long storedSize, String startLsn, String endLsn,
			long startSeq, long endSeq) {
		jdbc.sql("""
				UPDATE recovery_base_backups SET status = 'COMPLETED', checksum = :sha, stored_size = :size,
				  start_lsn = :sl, end_lsn = :el, start_seq = :ss, end_seq = :es, finished_at = :now
				  WHERE id = :id AND status = 'IN_PROGRESS'""")
			.param("sha", checksum).param("size", storedSize).param("sl", startLsn).param("el", endLsn)
			.param("ss", startSeq).param("es", endSeq).param("now", now()).param("id", id).update();
	}

	public void failBaseBackup(UUID id, String error) {
		jdbc.sql("""
				UPDATE recovery_base_backups SET status = 'FAILED', error = :e, finished_at = :now
				  WHERE id = :id AND status = 'IN_PROGRESS'""")
			.param("e", cut(error, 2000)).param("now", now()).param("id", id).update();
	}

	/** Newest first. */
	public List<BaseBackupRow> baseBackups(UUID connectionId) {
		return jdbc.sql("SELECT * FROM recovery_base_backups WHERE connection_id = :id ORDER BY started_at DESC")
			.param("id", connectionId)
			.query((rs, n) -> new BaseBackupRow(rs.getObject("id", UUID.class), rs.getString("status"),
					rs.getString("object_name"), rs.getString("checksum"), (Long) rs.getObject("stored_size", Long.class),
					rs.getString("start_lsn"), rs.getString("end_lsn"), rs.getObject("start_seq", Long.class),
					rs.getObject("end_seq", Long.class), rs.getObject("started_at", OffsetDateTime.class),
					rs.getObject("finished_at", OffsetDateTime.class), rs.getString("error")))
			.list();
	}

	// ---- restore points

	public boolean insertRestorePoint(UUID connectionId, String name, String lsn, String by) {
		if (restorePoint(connectionId, name).isPresent()) {
			return false;
		}
		jdbc.sql("""
				INSERT INTO recovery_restore_points (connection_id, point_name, lsn, created_by, created_at)
				VALUES (:id, :name, :lsn, :by, :now)""")
			.param("id", connectionId).param("name", name).param("lsn", lsn).param("by", cut(by, 100))
			.param("now", now()).update();
		return true;
	}

	public Optional<RestorePointRow> restorePoint(UUID connectionId, String name) {
		return jdbc.sql("""
				SELECT point_name, lsn, created_by, created_at FROM recovery_restore_points
				  WHERE connection_id = :id AND point_name = :name""")
			.param("id", connectionId).param("name", name).query(RecoveryRecords::point).optional();
	}

	public List<RestorePointRow> restorePoints(UUID connectionId) {
		return jdbc.sql("""
				SELECT point_name, lsn, created_by, created_at FROM recovery_restore_points
				  WHERE connection_id = :id ORDER BY created_at DESC""")
			.param("id", connectionId).query(RecoveryRecords::point).list();
	}

	private static RestorePointRow point(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new RestorePointRow(rs.getString(1), rs.getString(2), rs.getString(3),
				rs.getObject(4, OffsetDateTime.class));
	}

	// ---- restored instances

	public void insertInstance(InstanceRow r) {
		jdbc.sql("""
				INSERT INTO restored_instances (id, source_connection_id, port, directory, target, reached_lsn,
				  instance_id, created_by, created_at)
				VALUES (:id, :src, :port, :dir, :target, :lsn, :inst, :by, :at)""")
			.param("id", r.id()).param("src", r.sourceConnectionId()).param("port", r.port())
			.param("dir", r.directory()).param("target", cut(r.target(), 200)).param("lsn", r.reachedLsn())
			.param("inst", r.instanceId()).param("by", cut(r.createdBy(), 100)).param("at", r.createdAt()).update();
	}

	public Optional<InstanceRow> instance(UUID id) {
		return jdbc.sql("SELECT * FROM restored_instances WHERE id = :id").param("id", id)
			.query(RecoveryRecords::instanceRow).optional();
	}

	public List<InstanceRow> instances(UUID sourceConnectionId) {
		return jdbc.sql("SELECT * FROM restored_instances WHERE source_connection_id = :id ORDER BY created_at DESC")
			.param("id", sourceConnectionId).query(RecoveryRecords::instanceRow).list();
	}

	private static InstanceRow instanceRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new InstanceRow(rs.getObject("id", UUID.class), rs.getObject("source_connection_id", UUID.class),
				rs.getInt("port"), rs.getString("directory"), rs.getString("target"), rs.getString("reached_lsn"),
				rs.getString("instance_id"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class));
	}

	public void deleteInstance(UUID id) {
		jdbc.sql("DELETE FROM restored_instances WHERE id = :id").param("id", id).update();
	}
}

package dev.steward.backup.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupTrigger;
import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;
import dev.steward.engine.EngineKind;
import dev.steward.job.JobFailure;
import dev.steward.job.ReasonCode;
import dev.steward.shared.PageResult;

/**
 * The {@code backups} table. Status changes follow {@link BackupStatus}: only an IN_PROGRESS row moves, once.
 */
@Repository
public class BackupRecords {

	private final JdbcClient jdbc;

	public BackupRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(BackupRow r) {
		BackupRow.Artefact a = r.artefact();
		jdbc.sql("""
				INSERT INTO backups (id, connection_id, connection_name, engine, file_name, object_name, storage_target,
				  trigger_type, kind, compression, compression_level, encrypted, key_id, status, started_by,
				  started_by_name, created_at, job_id, database_name)
				VALUES (:id, :cid, :cname, :engine, :file, :object, :target, :trigger, :kind, :compression, :level,
				  :encrypted, :keyId, :status, :startedBy, :startedByName, :createdAt, :job, :database)""")
			.param("id", r.id()).param("cid", r.connectionId()).param("cname", r.connectionName())
			.param("engine", r.engine().name()).param("file", a.fileName()).param("object", a.objectName())
			.param("target", a.storageTarget()).param("trigger", r.trigger().name()).param("kind", r.kind().name())
			.param("compression", a.compression().name()).param("level", a.compressionLevel())
			.param("encrypted", a.encrypted()).param("keyId", a.keyId()).param("status", r.status().name())
			.param("startedBy", r.startedBy()).param("startedByName", r.startedByName())
			.param("createdAt", r.createdAt()).param("job", r.jobId()).param("database", r.database())
			.update();
	}

	public void linkJob(UUID id, UUID jobId) {
		jdbc.sql("UPDATE backups SET job_id = :job WHERE id = :id").param("job", jobId).param("id", id).update();
	}

	public void markStarted(UUID id, OffsetDateTime at) {
		jdbc.sql("UPDATE backups SET started_at = :at WHERE id = :id").param("at", at).param("id", id).update();
	}

	public boolean complete(UUID id, OffsetDateTime at, long raw, long stored, String checksum, String manifest) {
		return jdbc.sql("""
				UPDATE backups SET status = 'COMPLETED', finished_at = :at, raw_size = :raw, stored_size = :stored,
				  checksum = :sha, manifest = :manifest WHERE id = :id AND status = 'IN_PROGRESS'""")
			.param("at", at).param("raw", raw).param("stored", stored).param("sha", checksum).param("manifest", manifest)
			.param("id", id).update() == 1;
	}

	/** FAILED or CANCELLED with the typed reason; false when the row was no longer in progress. */
	public boolean finishUnsuccessfully(UUID id, BackupStatus status, OffsetDateTime at, JobFailure failure, long raw) {
		if (!BackupStatus.IN_PROGRESS.canBecome(status) || status == BackupStatus.COMPLETED) {
			throw new IllegalArgumentException("not an unsuccessful end: " + status);
		}
		return jdbc.sql("""
				UPDATE backups SET status = :status, finished_at = :at, error = :error, reason = :reason, raw_size = :raw
				  WHERE id = :id AND status = 'IN_PROGRESS'""")
			.param("status", status.name()).param("at", at).param("error", abbreviate(failure.message(), 2000))
			.param("reason", failure.reason().name()).param("raw", raw).param("id", id).update() == 1;
	}

	/** Runs from before jobs existed (no job id) that a previous Steward left unfinished. */
	public List<BackupRow> openWithoutJob() {
		return jdbc.sql("SELECT * FROM backups WHERE status = 'IN_PROGRESS' AND job_id IS NULL")
			.query(BackupRecords::map).list();
	}

	public Optional<BackupRow> find(UUID id) {
		return jdbc.sql("SELECT * FROM backups WHERE id = :id").param("id", id).query(BackupRecords::map).optional();
	}

	/**
	 * One page, newest first, of the backups of {@code connectionIds} (all connections when null), optionally
	 * narrowed to one connection; paged and counted in SQL.
	 */
	public PageResult<BackupRow> page(@Nullable Set<UUID> connectionIds, @Nullable UUID connectionId, int page,
			int size) {
		if (connectionIds != null && connectionIds.isEmpty()) {
			return PageResult.of(List.of(), page, size, 0);
		}
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (connectionIds != null) {
			where.append(" AND connection_id IN (:visible)");
			params.put("visible", List.copyOf(connectionIds));
		}
		if (connectionId != null) {
			where.append(" AND connection_id = :cid");
			params.put("cid", connectionId);
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM backups" + where).params(params).query(Long.class).single();
		List<BackupRow> rows = jdbc
			.sql("SELECT * FROM backups" + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(BackupRecords::map)
			.list();
		return PageResult.of(rows, page, size, total);
	}

	/** Backups by id, whatever the current user (for schedules acting as the system). */
	public List<BackupRow> findAll(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM backups WHERE id IN (:ids) ORDER BY created_at DESC, id")
			.param("ids", List.copyOf(ids))
			.query(BackupRecords::map)
			.list();
	}

	/** The newest completed backup of a connection with a good copy on a storage target, if any. */
	/** When the newest completed backup of the connection with a good copy finished (created, if unrecorded). */
	public Optional<java.time.OffsetDateTime> lastSuccess(UUID connectionId) {
		return jdbc.sql("""
				SELECT MAX(COALESCE(b.finished_at, b.created_at)) FROM backups b
				WHERE b.connection_id = :cid AND b.status = 'COMPLETED'
				  AND EXISTS (SELECT 1 FROM backup_copies c WHERE c.backup_id = b.id AND c.status = 'COMPLETED')""")
			.param("cid", connectionId)
			.query(java.time.OffsetDateTime.class)
			.list().stream().filter(java.util.Objects::nonNull).findFirst();
	}

	public Optional<BackupRow> newestCompleted(UUID connectionId, String storageTarget) {
		return jdbc.sql("""
				SELECT b.* FROM backups b JOIN backup_copies c ON c.backup_id = b.id
				WHERE b.connection_id = :cid AND c.target_key = :target AND c.status = 'COMPLETED' AND b.status = 'COMPLETED'
				ORDER BY b.created_at DESC, b.id LIMIT 1""")
			.param("cid", connectionId)
			.param("target", storageTarget)
			.query(BackupRecords::map)
			.optional();
	}

	/**
	 * The newest completed backup of one database of a connection with a good copy on a storage target; a backup
	 * recorded without a database counts as one of {@code ownDatabase} (it was made of the connection's own).
	 */
	public Optional<BackupRow> newestCompleted(UUID connectionId, @Nullable String database, @Nullable String ownDatabase,
			String storageTarget) {
		boolean own = database == null || database.equals(ownDatabase);
		String which = own ? "(b.database_name = :db OR b.database_name IS NULL)" : "b.database_name = :db";
		return jdbc.sql("SELECT b.* FROM backups b JOIN backup_copies c ON c.backup_id = b.id"
				+ " WHERE b.connection_id = :cid AND c.target_key = :target AND c.status = 'COMPLETED'"
				+ " AND b.status = 'COMPLETED' AND " + which + " ORDER BY b.created_at DESC, b.id LIMIT 1")
			.param("cid", connectionId)
			.param("target", storageTarget)
			.param("db", database == null ? String.valueOf(ownDatabase) : database)
			.query(BackupRecords::map)
			.optional();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM backups WHERE id = :id").param("id", id).update();
	}

	static BackupRow map(ResultSet rs, int n) throws SQLException {
		BackupRow.Artefact artefact = new BackupRow.Artefact(rs.getString("file_name"), rs.getString("object_name"),
				rs.getString("storage_target"), Compression.valueOf(rs.getString("compression")),
				rs.getInt("compression_level"), rs.getBoolean("encrypted"), rs.getString("key_id"));
		BackupRow.Outcome outcome = new BackupRow.Outcome(rs.getObject("raw_size", Long.class),
				rs.getObject("stored_size", Long.class), rs.getString("checksum"), rs.getString("manifest"));
		String error = rs.getString("error");
		String reason = rs.getString("reason");
		JobFailure failure = error == null && reason == null ? null
				: new JobFailure(reason == null ? ReasonCode.INTERNAL : ReasonCode.valueOf(reason),
						error == null ? "" : error);
		return new BackupRow(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
				rs.getString("connection_name"), EngineKind.valueOf(rs.getString("engine")),
				BackupTrigger.valueOf(rs.getString("trigger_type")), DumpKind.valueOf(rs.getString("kind")), artefact,
				BackupStatus.valueOf(rs.getString("status")), rs.getObject("job_id", UUID.class),
				rs.getObject("started_by", UUID.class), rs.getString("started_by_name"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
				rs.getObject("finished_at", OffsetDateTime.class), outcome, failure, rs.getString("database_name"));
	}

	static String abbreviate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}

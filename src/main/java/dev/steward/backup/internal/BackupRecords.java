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

import dev.steward.shared.PageResult;

/** The {@code backups} table. */
@Repository
public class BackupRecords {

	private final JdbcClient jdbc;

	public BackupRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(BackupRow r) {
		jdbc.sql("""
				INSERT INTO backups (id, connection_id, connection_name, engine, file_name, object_name, storage_target,
				  trigger_type, kind, compression, compression_level, encrypted, key_id, status, error, started_by,
				  started_by_name, created_at)
				VALUES (:id, :cid, :cname, :engine, :file, :object, :target, :trigger, :kind, :compression, :level,
				  :encrypted, :keyId, :status, :error, :startedBy, :startedByName, :createdAt)""")
			.param("id", r.id()).param("cid", r.connectionId()).param("cname", r.connectionName())
			.param("engine", r.engine()).param("file", r.fileName()).param("object", r.objectName())
			.param("target", r.storageTarget()).param("trigger", r.trigger()).param("kind", r.kind())
			.param("compression", r.compression()).param("level", r.compressionLevel()).param("encrypted", r.encrypted())
			.param("keyId", r.keyId()).param("status", r.status()).param("error", r.error())
			.param("startedBy", r.startedBy()).param("startedByName", r.startedByName()).param("createdAt", r.createdAt())
			.update();
	}

	public void markStarted(UUID id, OffsetDateTime at) {
		jdbc.sql("UPDATE backups SET started_at = :at WHERE id = :id").param("at", at).param("id", id).update();
	}

	public void complete(UUID id, OffsetDateTime at, long raw, long stored, String checksum, String manifest) {
		jdbc.sql("""
				UPDATE backups SET status = 'COMPLETED', finished_at = :at, raw_size = :raw, stored_size = :stored,
				  checksum = :sha, manifest = :manifest WHERE id = :id""")
			.param("at", at).param("raw", raw).param("stored", stored).param("sha", checksum).param("manifest", manifest)
			.param("id", id).update();
	}

	public void finishUnsuccessfully(UUID id, String status, OffsetDateTime at, String error, long raw) {
		jdbc.sql("UPDATE backups SET status = :status, finished_at = :at, error = :error, raw_size = :raw WHERE id = :id")
			.param("status", status).param("at", at).param("error", abbreviate(error, 2000)).param("raw", raw)
			.param("id", id).update();
	}

	/** Runs a previous Steward left unfinished; answers them after marking them failed. */
	public List<BackupRow> failInProgress(String reason, OffsetDateTime at) {
		List<BackupRow> open = jdbc.sql("SELECT * FROM backups WHERE status = 'IN_PROGRESS'").query(BackupRecords::map).list();
		for (BackupRow r : open) {
			finishUnsuccessfully(r.id(), "FAILED", at, reason, 0);
		}
		return open;
	}

	public Optional<BackupRow> find(UUID id) {
		return jdbc.sql("SELECT * FROM backups WHERE id = :id").param("id", id).query(BackupRecords::map).optional();
	}

	/**
	 * One page, newest first, of the backups of {@code connectionIds} (all connections when null), optionally
	 * narrowed to one connection; paged and counted in SQL.
	 */
	public PageResult<BackupRow> page(@Nullable Set<UUID> connectionIds,
			@Nullable UUID connectionId, int page, int size) {
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

	public List<BackupRow> list(@Nullable UUID connectionId) {
		if (connectionId == null) {
			return jdbc.sql("SELECT * FROM backups ORDER BY created_at DESC, id").query(BackupRecords::map).list();
		}
		return jdbc.sql("SELECT * FROM backups WHERE connection_id = :cid ORDER BY created_at DESC, id")
			.param("cid", connectionId).query(BackupRecords::map).list();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM backups WHERE id = :id").param("id", id).update();
	}

	static BackupRow map(ResultSet rs, int n) throws SQLException {
		return new BackupRow(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
				rs.getString("connection_name"), rs.getString("engine"), rs.getString("file_name"),
				rs.getString("object_name"), rs.getString("storage_target"), rs.getString("trigger_type"),
				rs.getString("kind"), rs.getString("compression"), rs.getInt("compression_level"),
				rs.getBoolean("encrypted"), rs.getString("key_id"), rs.getString("status"), rs.getString("error"),
				rs.getObject("started_by", UUID.class), rs.getString("started_by_name"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
				rs.getObject("finished_at", OffsetDateTime.class), (Long) rs.getObject("raw_size", Long.class),
				(Long) rs.getObject("stored_size", Long.class), rs.getString("checksum"), rs.getString("manifest"));
	}

	static String abbreviate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}

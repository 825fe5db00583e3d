package dev.steward.backup.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.backup.StorageTargetKind;

/** The {@code storage_targets} table. */
@Repository
public class StorageTargetRecords {

	private final JdbcClient jdbc;

	StorageTargetRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<StorageTargetRow> all() {
		return jdbc.sql("SELECT * FROM storage_targets ORDER BY name").query(StorageTargetRecords::map).list();
	}

	public Optional<StorageTargetRow> find(UUID id) {
		return jdbc.sql("SELECT * FROM storage_targets WHERE id = :id").param("id", id)
			.query(StorageTargetRecords::map).optional();
	}

	public Optional<StorageTargetRow> findByName(String name) {
		return jdbc.sql("SELECT * FROM storage_targets WHERE name = :name").param("name", name)
			.query(StorageTargetRecords::map).optional();
	}

	public void insert(StorageTargetRow r) {
		jdbc.sql("""
				INSERT INTO storage_targets (id, name, kind, local_path, s3_endpoint, s3_region, s3_bucket, s3_prefix,
				  s3_path_style, access_key_enc, secret_key_enc, created_at, updated_at)
				VALUES (:id, :name, :kind, :path, :endpoint, :region, :bucket, :prefix, :pathStyle, :ak, :sk, :created,
				  :updated)""")
			.param("id", r.id()).param("name", r.name()).param("kind", r.kind().name()).param("path", r.path())
			.param("endpoint", r.endpoint()).param("region", r.region()).param("bucket", r.bucket())
			.param("prefix", r.prefix()).param("pathStyle", r.pathStyle()).param("ak", r.accessKeyEnc())
			.param("sk", r.secretKeyEnc()).param("created", r.createdAt()).param("updated", r.updatedAt())
			.update();
	}

	/** Replaces the settings; the last test result is dropped (it said nothing about the new settings). */
	public void update(StorageTargetRow r) {
		jdbc.sql("""
				UPDATE storage_targets SET name = :name, kind = :kind, local_path = :path, s3_endpoint = :endpoint,
				  s3_region = :region, s3_bucket = :bucket, s3_prefix = :prefix, s3_path_style = :pathStyle,
				  access_key_enc = :ak, secret_key_enc = :sk, updated_at = :updated, last_test_ok = NULL,
				  last_test_at = NULL, last_test_json = NULL WHERE id = :id""")
			.param("id", r.id()).param("name", r.name()).param("kind", r.kind().name()).param("path", r.path())
			.param("endpoint", r.endpoint()).param("region", r.region()).param("bucket", r.bucket())
			.param("prefix", r.prefix()).param("pathStyle", r.pathStyle()).param("ak", r.accessKeyEnc())
			.param("sk", r.secretKeyEnc()).param("updated", r.updatedAt())
			.update();
	}

	public void recordTest(UUID id, boolean ok, OffsetDateTime at, String json) {
		jdbc.sql("UPDATE storage_targets SET last_test_ok = :ok, last_test_at = :at, last_test_json = :json WHERE id = :id")
			.param("ok", ok).param("at", at).param("json", json).param("id", id).update();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM storage_targets WHERE id = :id").param("id", id).update();
	}

	static StorageTargetRow map(ResultSet rs, int n) throws SQLException {
		return new StorageTargetRow(rs.getObject("id", UUID.class), rs.getString("name"),
				StorageTargetKind.valueOf(rs.getString("kind")), rs.getString("local_path"), rs.getString("s3_endpoint"),
				rs.getString("s3_region"), rs.getString("s3_bucket"), rs.getString("s3_prefix"),
				rs.getBoolean("s3_path_style"), rs.getString("access_key_enc"), rs.getString("secret_key_enc"),
				rs.getString("last_test_json"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	static @Nullable String nz(@Nullable String s) {
		return s == null || s.isBlank() ? null : s;
	}
}

package dev.steward.masking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.masking.MaskKind;
import dev.steward.masking.MaskingPolicy;
import dev.steward.security.Role;

/** The {@code masking_policies} and {@code masking_role_settings} tables. */
@Repository
public class PolicyStore {

	/** A stored policy with its salt (never sent to clients). */
	public record Stored(MaskingPolicy policy, String salt) {
	}

	private final JdbcClient jdbc;

	public PolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(MaskingPolicy p, String salt) {
		jdbc.sql("""
				INSERT INTO masking_policies (id, name, connection_id, database_name, schema_name, table_name,
				  column_name, name_pattern, type_pattern, mask_kind, keep_first, keep_last, salt, created_at, created_by)
				VALUES (:id, :name, :cid, :db, :schema, :tbl, :col, :np, :tp, :mask, :kf, :kl, :salt, :at, :by)""")
			.param("id", p.id()).param("name", p.name()).param("cid", p.connectionId()).param("db", p.database())
			.param("schema", p.schema()).param("tbl", p.table()).param("col", p.column())
			.param("np", p.namePattern()).param("tp", p.typePattern()).param("mask", p.mask().name())
			.param("kf", p.keepFirst()).param("kl", p.keepLast()).param("salt", salt)
			.param("at", OffsetDateTime.ofInstant(p.createdAt(), ZoneOffset.UTC)).param("by", p.createdBy())
			.update();
	}

	public void update(MaskingPolicy p) {
		jdbc.sql("""
				UPDATE masking_policies SET name = :name, connection_id = :cid, database_name = :db,
				  schema_name = :schema, table_name = :tbl, column_name = :col, name_pattern = :np,
				  type_pattern = :tp, mask_kind = :mask, keep_first = :kf, keep_last = :kl WHERE id = :id""")
			.param("id", p.id()).param("name", p.name()).param("cid", p.connectionId()).param("db", p.database())
			.param("schema", p.schema()).param("tbl", p.table()).param("col", p.column())
			.param("np", p.namePattern()).param("tp", p.typePattern()).param("mask", p.mask().name())
			.param("kf", p.keepFirst()).param("kl", p.keepLast()).update();
	}

	public boolean delete(UUID id) {
		return jdbc.sql("DELETE FROM masking_policies WHERE id = :id").param("id", id).update() > 0;
	}

	public List<Stored> all() {
		return jdbc.sql("SELECT * FROM masking_policies ORDER BY created_at, id").query(PolicyStore::map).list();
	}

	public Optional<Stored> find(UUID id) {
		return jdbc.sql("SELECT * FROM masking_policies WHERE id = :id").param("id", id).query(PolicyStore::map)
			.optional();
	}

	/** Whether {@code role} sees unmasked data: its stored setting, else ADMIN yes and the others no. */
	public boolean viewUnmasked(Role role) {
		return jdbc.sql("SELECT view_unmasked FROM masking_role_settings WHERE role = :role")
			.param("role", role.name()).query(Boolean.class).optional().orElse(role == Role.ADMIN);
	}

	public void setViewUnmasked(Role role, boolean unmasked, String by) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int n = jdbc.sql("UPDATE masking_role_settings SET view_unmasked = :v, updated_at = :at, updated_by = :by "
				+ "WHERE role = :role").param("v", unmasked).param("at", now).param("by", by)
			.param("role", role.name()).update();
		if (n == 0) {
			jdbc.sql("INSERT INTO masking_role_settings (role, view_unmasked, updated_at, updated_by) "
					+ "VALUES (:role, :v, :at, :by)").param("v", unmasked).param("at", now).param("by", by)
				.param("role", role.name()).update();
		}
	}

	private static Stored map(ResultSet rs, int row) throws SQLException {
		Instant at = rs.getObject("created_at", OffsetDateTime.class).toInstant();
		return new Stored(new MaskingPolicy(rs.getObject("id", UUID.class), rs.getString("name"),
				rs.getObject("connection_id", UUID.class), rs.getString("database_name"), rs.getString("schema_name"),
				rs.getString("table_name"), rs.getString("column_name"), rs.getString("name_pattern"),
				rs.getString("type_pattern"), MaskKind.valueOf(rs.getString("mask_kind")), rs.getInt("keep_first"),
				rs.getInt("keep_last"), at, rs.getString("created_by")), rs.getString("salt"));
	}
}

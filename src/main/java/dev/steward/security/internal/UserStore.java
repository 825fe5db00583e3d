package dev.steward.security.internal;

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

import dev.steward.security.Role;
import dev.steward.security.StewardUser;

/** The {@code users} table. Usernames are stored lower-case; lookups are case-insensitive by that. */
@Repository
public class UserStore {

	/** {@code sessionEpoch}: a session stamped with an older epoch has ended (see {@link UserSessions}). */
	public record UserRow(UUID id, String username, String passwordHash, Role role, boolean enabled,
			Instant createdAt, Instant updatedAt, long sessionEpoch) {

		public StewardUser toPrincipal() {
			return new StewardUser(id, username, passwordHash, role, enabled);
		}
	}

	private final JdbcClient jdbc;

	UserStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<UserRow> findByUsername(String username) {
		return jdbc.sql("SELECT * FROM users WHERE username = ?")
			.param(username.toLowerCase(java.util.Locale.ROOT))
			.query(UserStore::map)
			.optional();
	}

	public Optional<UserRow> findById(UUID id) {
		return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(UserStore::map).optional();
	}

	public List<UserRow> findAll() {
		return jdbc.sql("SELECT * FROM users ORDER BY username").query(UserStore::map).list();
	}

	/**
	 * Ids of the enabled administrators, their rows locked until the transaction ends, so two concurrent
	 * changes cannot both conclude that another administrator remains.
	 */
	public List<UUID> lockEnabledAdmins() {
		return jdbc.sql("SELECT id FROM users WHERE role = ? AND enabled = TRUE FOR UPDATE")
			.param(Role.ADMIN.name())
			.query((rs, n) -> rs.getObject("id", UUID.class))
			.list();
	}

	public java.util.Map<UUID, String> usernames(java.util.Collection<UUID> ids) {
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		jdbc.sql("SELECT id, username FROM users WHERE id IN (:ids)")
			.param("ids", java.util.List.copyOf(ids))
			.query(rs -> {
				names.put(rs.getObject("id", UUID.class), rs.getString("username"));
			});
		return names;
	}

	public Optional<UUID> firstEnabledAdmin() {
		return jdbc.sql("""
				SELECT id FROM users WHERE role = 'ADMIN' AND enabled = TRUE
				ORDER BY CASE WHEN username = 'admin' THEN 0 ELSE 1 END, created_at""")
			.query(UUID.class)
			.list()
			.stream()
			.findFirst();
	}

	public long count() {
		return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
	}

	public UserRow insert(String username, String passwordHash, Role role) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO users (id, username, password_hash, role, enabled, created_at, updated_at, password_changed_at)
				VALUES (?, ?, ?, ?, TRUE, ?, ?, ?)""")
			.params(id, username.toLowerCase(java.util.Locale.ROOT), passwordHash, role.name(), now, now, now)
			.update();
		return findById(id).orElseThrow();
	}

	public void updateRole(UUID id, Role role) {
		jdbc.sql("UPDATE users SET role = ?, updated_at = ? WHERE id = ?")
			.params(role.name(), OffsetDateTime.now(ZoneOffset.UTC), id)
			.update();
	}

	public void updateEnabled(UUID id, boolean enabled) {
		jdbc.sql("UPDATE users SET enabled = ?, updated_at = ? WHERE id = ?")
			.params(enabled, OffsetDateTime.now(ZoneOffset.UTC), id)
			.update();
	}

	public void updatePassword(UUID id, String passwordHash) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ?, password_changed_at = ? WHERE id = ?")
			.params(passwordHash, now, now, id)
			.update();
	}

	/**
	 * Whether the account signs in with a password (a local account), rather than only through single sign-on
	 * (provisioned with {@link OidcAccounts#NO_PASSWORD}, which no password matches). False for an unknown id.
	 */
	public boolean signsInWithPassword(UUID id) {
		return jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(id).query(String.class).optional()
			.filter(hash -> !hash.startsWith(OidcAccounts.NO_PASSWORD)).isPresent();
	}

	/** Raises the user's session epoch, ending every session stamped before; returns the new epoch. */
	public long raiseSessionEpoch(UUID id) {
		jdbc.sql("UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?").param(id).update();
		return jdbc.sql("SELECT session_epoch FROM users WHERE id = ?").param(id).query(Long.class).single();
	}

	static UserRow map(ResultSet rs, int row) throws SQLException {
		return new UserRow(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("session_epoch"));
	}
}

package dev.steward.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.security.Role;
import dev.steward.security.StewardUser;

/** The {@code api_tokens} table. Only a SHA-256 hex of each token is stored. */
@Repository
class ApiTokenStore {

	record TokenRow(UUID id, UUID userId, String name, String prefix, Instant createdAt,
			@Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt, boolean readOnly) {
	}

	/** A token with the user it belongs to, as the bearer filter needs it. */
	record TokenOwner(TokenRow token, StewardUser user) {
	}

	private static final String COLUMNS = "t.id, t.user_id, t.name, t.token_prefix, t.created_at, t.last_used_at, "
			+ "t.expires_at, t.revoked_at, t.read_only";

	private final JdbcClient jdbc;

	ApiTokenStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TokenRow row, String tokenHash) {
		jdbc.sql("""
				INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix, created_at, expires_at, read_only)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(row.id(), row.userId(), row.name(), tokenHash, row.prefix(), utc(row.createdAt()),
					row.expiresAt() == null ? null : utc(row.expiresAt()), row.readOnly())
			.update();
	}

	List<TokenRow> findByUser(UUID userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.user_id = ? ORDER BY t.created_at DESC")
			.param(userId)
			.query(ApiTokenStore::map)
			.list();
	}

	Optional<TokenRow> findByIdAndUser(UUID id, UUID userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.id = ? AND t.user_id = ?")
			.params(id, userId)
			.query(ApiTokenStore::map)
			.optional();
	}

	Optional<TokenOwner> findByHash(String tokenHash) {
		return jdbc.sql("SELECT " + COLUMNS + ", u.username, u.role, u.enabled FROM api_tokens t "
				+ "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?")
			.param(tokenHash)
			.query((rs, n) -> new TokenOwner(map(rs, n), new StewardUser(rs.getObject("user_id", UUID.class),
					rs.getString("username"), null, Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"))))
			.optional();
	}

	void revoke(UUID id, Instant at) {
		jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").params(utc(at), id).update();
	}

	/** Revokes every live token of the user; returns how many. */
	int revokeAllOfUser(UUID userId, Instant at) {
		return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
			.params(utc(at), userId)
			.update();
	}

	/** Records use, but writes at most once per {@code staleBefore} so busy tokens do not hammer the store. */
	void touch(UUID id, Instant now, Instant staleBefore) {
		jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
			.params(utc(now), id, utc(staleBefore))
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static TokenRow map(ResultSet rs, int row) throws SQLException {
		return new TokenRow(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
				rs.getString("token_prefix"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				instant(rs, "last_used_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
				rs.getBoolean("read_only"));
	}
}

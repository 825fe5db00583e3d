package dev.steward.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only facts about accounts and API tokens for reports such as the compliance report: who exists with which
 * role, who has two-factor, and which tokens are live. No secrets, no hashes.
 */
@Service
public class SecurityPosture {

	/** {@code local}: the account signs in with a password, not only through single sign-on. */
	public record UserFacts(UUID id, String username, Role role, boolean enabled, Instant createdAt,
			boolean twoFactor, boolean local) {
	}

	/** A token that is neither revoked nor expired. */
	public record TokenFacts(UUID id, String username, String name, Instant createdAt, @Nullable Instant lastUsedAt,
			@Nullable Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	SecurityPosture(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<UserFacts> users() {
		return jdbc.sql("""
				SELECT u.id, u.username, u.role, u.enabled, u.created_at,
				       CASE WHEN t.confirmed_at IS NULL THEN FALSE ELSE TRUE END AS two_factor,
				       CASE WHEN u.password_hash LIKE '{sso}%' THEN FALSE ELSE TRUE END AS local_account
				FROM users u LEFT JOIN user_two_factor t ON t.user_id = u.id ORDER BY u.username""")
			.query((rs, n) -> new UserFacts(rs.getObject("id", UUID.class), rs.getString("username"),
					Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("two_factor"),
					rs.getBoolean("local_account")))
			.list();
	}

	@Transactional(readOnly = true)
	public List<TokenFacts> liveTokens() {
		return jdbc.sql("""
				SELECT t.id, u.username, t.name, t.created_at, t.last_used_at, t.expires_at
				FROM api_tokens t JOIN users u ON u.id = t.user_id
				WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) ORDER BY u.username, t.name""")
			.param(OffsetDateTime.now(ZoneOffset.UTC))
			.query((rs, n) -> new TokenFacts(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getString("name"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					instant(rs.getObject("last_used_at", OffsetDateTime.class)),
					instant(rs.getObject("expires_at", OffsetDateTime.class))))
			.list();
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}

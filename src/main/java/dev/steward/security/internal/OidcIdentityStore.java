package dev.steward.security.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code oidc_identities} table: which user an issuer's subject is. */
@Repository
class OidcIdentityStore {

	private final JdbcClient jdbc;

	OidcIdentityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UUID> userOf(String issuer, String subject) {
		return jdbc.sql("SELECT user_id FROM oidc_identities WHERE issuer = ? AND subject = ?")
			.params(issuer, subject)
			.query((rs, n) -> rs.getObject("user_id", UUID.class))
			.optional();
	}

	void link(String issuer, String subject, String provider, UUID userId) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO oidc_identities (issuer, subject, provider, user_id, created_at, last_login_at)
				VALUES (?, ?, ?, ?, ?, ?)""").params(issuer, subject, provider, userId, now, now).update();
	}

	void touch(String issuer, String subject) {
		jdbc.sql("UPDATE oidc_identities SET last_login_at = ? WHERE issuer = ? AND subject = ?")
			.params(OffsetDateTime.now(ZoneOffset.UTC), issuer, subject)
			.update();
	}
}

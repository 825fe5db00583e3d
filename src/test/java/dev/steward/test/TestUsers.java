package dev.steward.test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates users straight in the {@code users} table with the app's own password encoder, for tests that need
 * several roles (until every branch has {@code POST /api/users}).
 */
public final class TestUsers {

	public record User(UUID id, String username, String password) {

		public TestApi login(int port) {
			return TestApi.login(port, username, password);
		}
	}

	private TestUsers() {
	}

	public static User create(JdbcClient jdbc, PasswordEncoder encoder, String prefix, String role) {
		String username = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		String password = "pw-" + UUID.randomUUID();
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO users (id, username, password_hash, role, enabled, created_at, updated_at, password_changed_at)
				VALUES (?, ?, ?, ?, TRUE, ?, ?, ?)""")
			.params(id, username, encoder.encode(password), role, now, now, now)
			.update();
		return new User(id, username, password);
	}
}

package dev.steward.security.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.SecurityEvents.UserLimitsChanged;
import dev.steward.security.SecuritySettings;
import dev.steward.security.SecuritySettingsSource;
import dev.steward.security.UserLimits;
import dev.steward.shared.Actor;
import dev.steward.shared.NotFound;

/** Per-user overrides of the default limits ({@code user_limits}); the settings' defaults fill the gaps. */
@Service
public class UserLimitStore implements UserLimits {

	private final JdbcClient jdbc;

	private final SecuritySettingsSource settings;

	private final UserStore users;

	private final ApplicationEventPublisher events;

	UserLimitStore(JdbcClient jdbc, SecuritySettingsSource settings, UserStore users, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.users = users;
		this.events = events;
	}

	@Override
	public Limits effective(UUID userId) {
		Limits own = overrides(userId);
		SecuritySettings s = settings.current();
		return new Limits(own.maxConsoleSessions() != null ? own.maxConsoleSessions() : s.defaultMaxConsoleSessions(),
				own.maxRunningStatements() != null ? own.maxRunningStatements() : s.defaultMaxRunningStatements());
	}

	/** The user's own overrides ({@code null}: the default applies). */
	public Limits overrides(UUID userId) {
		return read(userId).orElse(new Limits(null, null));
	}

	private Optional<Limits> read(UUID userId) {
		return jdbc.sql("SELECT max_console_sessions, max_running_statements FROM user_limits WHERE user_id = ?")
			.param(userId)
			.query((rs, n) -> new Limits(integer(rs.getObject("max_console_sessions")),
					integer(rs.getObject("max_running_statements"))))
			.optional();
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		return value instanceof Number number ? number.intValue() : null;
	}

	public void requireUser(UUID userId) {
		users.findById(userId).orElseThrow(() -> new NotFound("User", userId));
	}

	/** Sets a user's overrides; both {@code null} removes them. Audited with before and after. */
	@Transactional
	public Limits set(UUID userId, Limits limits, Actor actor) {
		requireUser(userId);
		Limits before = overrides(userId);
		jdbc.sql("DELETE FROM user_limits WHERE user_id = ?").param(userId).update();
		if (limits.maxConsoleSessions() != null || limits.maxRunningStatements() != null) {
			jdbc.sql("INSERT INTO user_limits (user_id, max_console_sessions, max_running_statements) VALUES (?, ?, ?)")
				.params(userId, limits.maxConsoleSessions(), limits.maxRunningStatements())
				.update();
		}
		if (!before.equals(limits)) {
			events.publishEvent(new UserLimitsChanged(actor, userId.toString(), show(before), show(limits), Instant.now()));
		}
		return limits;
	}

	private static String show(Limits limits) {
		return "console sessions " + (limits.maxConsoleSessions() == null ? "default" : limits.maxConsoleSessions())
				+ ", running statements "
				+ (limits.maxRunningStatements() == null ? "default" : limits.maxRunningStatements());
	}
}

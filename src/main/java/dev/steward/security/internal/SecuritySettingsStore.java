package dev.steward.security.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.Role;
import dev.steward.security.SecurityEvents.SecuritySettingChanged;
import dev.steward.security.SecuritySettings;
import dev.steward.security.SecuritySettingsSource;
import dev.steward.shared.Actor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security settings in the metadata store (one row), cached per instance for
 * {@code steward.security.settings.cache}; saving publishes one audited event per changed setting (before → after).
 */
@Service
public class SecuritySettingsStore implements SecuritySettingsSource {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private record Cached(SecuritySettings settings, long readAtNanos) {
	}

	private final JdbcClient jdbc;

	private final SecuritySettingsProperties properties;

	private final ApplicationEventPublisher events;

	private volatile @Nullable Cached cached;

	SecuritySettingsStore(JdbcClient jdbc, SecuritySettingsProperties properties, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.events = events;
	}

	@Override
	public SecuritySettings current() {
		Cached c = cached;
		if (c != null && System.nanoTime() - c.readAtNanos() < properties.cache().toNanos()) {
			return c.settings();
		}
		SecuritySettings read = read().orElseGet(this::defaults);
		cached = new Cached(read, System.nanoTime());
		return read;
	}

	/** What applies until an administrator saves settings: no allowlists, no enforcement, no limits, masking on. */
	SecuritySettings defaults() {
		return new SecuritySettings((int) properties.idleTimeout().toSeconds(),
				(int) properties.absoluteTimeout().toSeconds(), EnumSet.noneOf(Role.class), List.of(),
				new EnumMap<>(Role.class), null, true, null, null);
	}

	private Optional<SecuritySettings> read() {
		return jdbc.sql("SELECT settings FROM security_settings WHERE id = 1")
			.query(String.class)
			.optional()
			.map(text -> JSON.readValue(text, SecuritySettings.class));
	}

	/** Stores validated settings and audits each change; answers the settings now in force. */
	@Transactional
	public SecuritySettings save(SecuritySettings next, Actor actor) {
		SecuritySettings before = read().orElseGet(this::defaults);
		String text = JSON.writeValueAsString(next);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int updated = jdbc.sql("UPDATE security_settings SET settings = ?, updated_at = ?, updated_by = ? WHERE id = 1")
			.params(text, now, actor.username())
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO security_settings (id, settings, updated_at, updated_by) VALUES (1, ?, ?, ?)")
				.params(text, now, actor.username())
				.update();
		}
		publishChanges(before, next, actor);
		cached = null; // this instance applies the change at once
		return next;
	}

	private void publishChanges(SecuritySettings before, SecuritySettings after, Actor actor) {
		Instant at = Instant.now();
		Map<String, Function<SecuritySettings, @Nullable Object>> fields = new java.util.LinkedHashMap<>();
		fields.put("idleTimeoutSeconds", SecuritySettings::idleTimeoutSeconds);
		fields.put("absoluteTimeoutSeconds", SecuritySettings::absoluteTimeoutSeconds);
		fields.put("twoFactorRoles", s -> new java.util.TreeSet<>(s.twoFactorRoles()));
		fields.put("globalAllowlist", SecuritySettings::globalAllowlist);
		for (Role role : Role.values()) {
			fields.put("roleAllowlists." + role, s -> s.allowlistOf(role));
		}
		fields.put("auditRetentionDays", SecuritySettings::auditRetentionDays);
		fields.put("masking", SecuritySettings::masking);
		fields.put("defaultMaxConsoleSessions", SecuritySettings::defaultMaxConsoleSessions);
		fields.put("defaultMaxRunningStatements", SecuritySettings::defaultMaxRunningStatements);
		fields.forEach((name, get) -> {
			Object was = get.apply(before);
			Object is = get.apply(after);
			if (!Objects.equals(was, is)) {
				events.publishEvent(new SecuritySettingChanged(actor, name, show(was), show(is), at));
			}
		});
	}

	private static String show(@Nullable Object value) {
		return value == null ? "none" : value.toString();
	}
}

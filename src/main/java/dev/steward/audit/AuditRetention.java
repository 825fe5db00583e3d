package dev.steward.audit;

import java.time.Instant;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.audit.internal.AuditProperties;
import dev.steward.security.SecuritySettingsSource;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;

/**
 * The audit retention: the security settings' {@code auditRetentionDays} when an administrator set it, else a value
 * stored here (shared by every instance), else the {@code steward.audit.retention-days} property; 0 keeps every
 * record.
 */
@Service
public class AuditRetention {

	private final JdbcClient jdbc;

	private final AuditProperties properties;

	private final ApplicationEventPublisher events;

	private final SecuritySettingsSource settings;

	AuditRetention(JdbcClient jdbc, AuditProperties properties, ApplicationEventPublisher events,
			SecuritySettingsSource settings) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.events = events;
		this.settings = settings;
	}

	/** The retention in effect, in days; empty when records are kept forever. */
	@Transactional(readOnly = true)
	public OptionalInt days() {
		// the administrator's security settings (Administration → Security settings) come first
		Integer fromSettings = settings.current().auditRetentionDays();
		if (fromSettings != null) {
			return fromSettings == 0 ? OptionalInt.empty() : OptionalInt.of(fromSettings);
		}
		Integer stored = storedDays();
		Integer days = stored != null ? stored : properties.retentionDays();
		return days == null || days == 0 ? OptionalInt.empty() : OptionalInt.of(days);
	}

	/** What the settings store holds: null when the property decides. */
	@Transactional(readOnly = true)
	public @Nullable Integer storedDays() {
		return jdbc.sql("SELECT retention_days FROM audit_retention WHERE id = 1").query(Integer.class).optional()
			.orElse(null);
	}

	/** Stores the retention (null: follow the property; 0: keep everything) and audits the change. */
	@Transactional
	public void setDays(@Nullable Integer days) {
		if (days != null && (days < 0 || days > AuditProperties.MAX_RETENTION_DAYS)) {
			throw new InvalidInput("retentionDays", "must be 0 (keep everything) to " + AuditProperties.MAX_RETENTION_DAYS);
		}
		Integer before = storedDays();
		jdbc.sql("UPDATE audit_retention SET retention_days = ? WHERE id = 1").param(1, days, java.sql.Types.INTEGER).update();
		events.publishEvent(new AuditEvents.RetentionChanged(Actor.current(), before, days, Instant.now()));
	}
}

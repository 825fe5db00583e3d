package dev.steward.compliance.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.audit.AuditRetention;
import dev.steward.audit.AuditTrail;
import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupView;
import dev.steward.connection.ConnectionFilter;
import dev.steward.connection.ConnectionProfile;
import dev.steward.connection.ConnectionProfiles;
import dev.steward.schedule.ScheduleView;
import dev.steward.schedule.Schedules;
import dev.steward.schedule.VerificationView;
import dev.steward.security.SecurityPosture;

/**
 * Gathers the {@link Facts} through the other modules' public APIs, as the administrator asking (who sees every
 * connection, schedule and backup).
 */
@Component
class FactGatherer {

	/** Recent backups looked at per connection for its newest completed one. */
	private static final int BACKUPS_PER_CONNECTION = 50;

	/** Connections examined at most: the report stays bounded whatever the store holds. */
	private static final int MAX_CONNECTIONS = 1000;

	private final ConnectionProfiles connections;

	private final Schedules schedules;

	private final BackupArtefacts backups;

	private final AuditTrail audit;

	private final AuditRetention retention;

	private final SecurityPosture security;

	FactGatherer(ConnectionProfiles connections, Schedules schedules, BackupArtefacts backups, AuditTrail audit,
			AuditRetention retention, SecurityPosture security) {
		this.connections = connections;
		this.schedules = schedules;
		this.backups = backups;
		this.audit = audit;
		this.retention = retention;
		this.security = security;
	}

	Facts gather() {
		List<Facts.Connection> conns = connections.list(new ConnectionFilter(null, null, null, null)).stream()
			.limit(MAX_CONNECTIONS)
			.map(FactGatherer::connection)
			.toList();
		List<Facts.Schedule> scheds = schedules.list().stream().map(FactGatherer::schedule).toList();
		Map<UUID, Facts.Backup> newest = new HashMap<>();
		for (Facts.Connection c : conns) {
			if (c.active()) {
				Facts.Backup b = newestCompleted(c.id());
				if (b != null) {
					newest.put(c.id(), b);
				}
			}
		}
		return new Facts(Instant.now(), conns, scheds, newest, audit.verify(), retention.days(), security.users(),
				audit.lastSuccessByActor("auth.login"), security.liveTokens());
	}

	private Facts.@Nullable Backup newestCompleted(UUID connectionId) {
		for (BackupView b : backups.list(connectionId, 0, BACKUPS_PER_CONNECTION).items()) {
			if (b.status() == BackupStatus.COMPLETED) {
				var at = b.finishedAt() != null ? b.finishedAt() : b.createdAt();
				return new Facts.Backup(at.toInstant(), b.encrypted());
			}
		}
		return null;
	}

	static Facts.Connection connection(ConnectionProfile p) {
		boolean local = p.filePath() != null || isLoopback(p.host());
		return new Facts.Connection(p.id(), p.name(), p.active(), local, p.ssh() != null, p.sslMode().name());
	}

	static Facts.Schedule schedule(ScheduleView s) {
		VerificationView v = s.lastVerification();
		Instant restored = v != null && "TEST_RESTORE".equals(v.kind()) && "PASSED".equals(v.status())
				&& v.finishedAt() != null ? v.finishedAt().toInstant() : null;
		return new Facts.Schedule(s.connectionId(), s.name(), s.enabled(), s.encrypted(), restored);
	}

	/** A literal loopback name or address; never resolved (no DNS lookup for a report). */
	static boolean isLoopback(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT).strip();
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
	}
}

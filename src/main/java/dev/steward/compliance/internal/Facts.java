package dev.steward.compliance.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.audit.AuditTrail.ChainStatus;
import dev.steward.security.SecurityPosture.TokenFacts;
import dev.steward.security.SecurityPosture.UserFacts;

/**
 * Everything the checks look at, gathered once from the other modules' APIs; the checks themselves are pure
 * functions of these facts, which is what lets tests craft any state.
 */
record Facts(Instant now, List<Connection> connections, List<Schedule> schedules, Map<UUID, Backup> newestBackups,
		ChainStatus chain, OptionalInt retentionDays, List<UserFacts> users, Map<String, Instant> lastLogins,
		List<TokenFacts> tokens) {

	/**
	 * @param local   a file database, or a host on this machine (loopback)
	 * @param tunnel  reached through an SSH tunnel
	 * @param tls     the connection's SSL mode name (DISABLE, REQUIRE, VERIFY_CA, VERIFY_FULL)
	 */
	record Connection(UUID id, String name, boolean active, boolean local, boolean tunnel, String tls) {
	}

	/** @param testRestorePassedAt when the schedule's last test restore passed, if it did */
	record Schedule(UUID connectionId, String name, boolean enabled, boolean encrypted,
			@Nullable Instant testRestorePassedAt) {
	}

	/** The newest completed backup of a connection. */
	record Backup(Instant finishedAt, boolean encrypted) {
	}
}

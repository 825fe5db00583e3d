package dev.steward.connection;

import java.util.UUID;

/**
 * How other modules (catalog, backup, monitor …) reach a registered connection. Visibility rules live
 * here: a connection the current user may not see is {@link dev.steward.shared.NotFound}, never 403.
 */
public interface ConnectionLookup {

	/** The connection if the current user may see it; {@code NotFound} otherwise. */
	ResolvedConnection resolve(UUID id);

	/** As {@link #resolve}, and {@code Conflict} if the connection is switched off. */
	ResolvedConnection resolveActive(UUID id);

	/**
	 * For writing into the connection's server (restores, test restores): as {@link #resolveActive}, and
	 * {@link org.springframework.security.access.AccessDeniedException} unless the current user may edit the
	 * connection (its owner with a role that may operate, or an ADMIN). Checked before the rest of the request.
	 */
	ResolvedConnection resolveWritable(UUID id);

	/** As {@link #resolve} but with no current user: for scheduled jobs acting as the system. */
	ResolvedConnection resolveAsSystem(UUID id);

	/**
	 * Ids of every connection the current user may see (all of them for an ADMIN), so other modules can page
	 * their own records by visibility in SQL.
	 */
	java.util.Set<UUID> visibleIds();

	/** Ids of every connection, with no current user: for checks the system runs over all of them (alert rules). */
	java.util.Set<UUID> allIdsAsSystem();

	/** The connection's tags with no current user (alert rules scoped to a tag); empty when it does not exist. */
	java.util.List<String> tagsAsSystem(UUID id);

	/**
	 * When the connection was registered, with no current user (a "no backup for N hours" rule counts a connection
	 * never backed up from then); empty when it does not exist.
	 */
	java.util.Optional<java.time.Instant> createdAtAsSystem(UUID id);

	/** Records that the connection was just used (for "recently used" on the dashboard). */
	void markUsed(UUID id);
}

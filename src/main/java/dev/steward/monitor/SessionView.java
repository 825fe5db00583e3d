package dev.steward.monitor;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A session on a target server.
 *
 * @param id             the engine's session id (PostgreSQL pid, MySQL thread id); what cancel and terminate take
 * @param idle           waiting for its client outside a transaction: what close-idle ends
 * @param stateSeconds   how long it has been in its state (the idle age of an idle session)
 * @param querySeconds   how long the current statement has run
 * @param blockedBy      ids of the sessions it waits for
 * @param steward        one of Steward's own connections: cancel, terminate and close-idle refuse it
 */
public record SessionView(String id, @Nullable String user, @Nullable String client, @Nullable String database,
		@Nullable String application, @Nullable String state, boolean idle, @Nullable Long stateSeconds,
		@Nullable Long querySeconds, @Nullable String query, @Nullable String waitEvent, List<String> blockedBy,
		boolean steward) {
}

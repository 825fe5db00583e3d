package dev.steward.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One session (backend, thread) on a target server, as its engine reports it.
 *
 * @param id            the engine's session id as text (PostgreSQL backend pid, MySQL thread id)
 * @param state         the engine's word for what it does (PostgreSQL {@code active}, {@code idle}; MySQL command)
 * @param idle          waiting for the client, outside a transaction: what close-idle may end
 * @param stateSeconds  how long it has been in this state (for idle sessions: the idle age)
 * @param querySeconds  how long the current (or last) statement has run; null when none
 * @param blockedBy     ids of the sessions holding the locks it waits for
 * @param steward       one of Steward's own connections (pools, tools): never cancelled or terminated
 */
public record TargetSession(String id, @Nullable String user, @Nullable String client, @Nullable String database,
		@Nullable String application, @Nullable String state, boolean idle, @Nullable Long stateSeconds,
		@Nullable Long querySeconds, @Nullable String query, @Nullable String waitEvent, List<String> blockedBy,
		boolean steward) {

	public TargetSession {
		blockedBy = List.copyOf(blockedBy);
	}
}

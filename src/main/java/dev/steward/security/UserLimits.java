package dev.steward.security;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Per-user limits: the user's own override where set, else the default of the security settings. */
public interface UserLimits {

	/** {@code null} for no limit beyond the server's own configuration. */
	record Limits(@Nullable Integer maxConsoleSessions, @Nullable Integer maxRunningStatements) {
	}

	/** The limits in force for a user. */
	Limits effective(UUID userId);
}

package dev.steward.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The administrator's security settings, shared by every instance through the metadata store (read them with
 * {@link SecuritySettingsSource}). Allowlists hold canonical CIDR blocks (IPv4 or IPv6); an empty list allows
 * every address. A limit of {@code null} means no limit beyond the server's own configuration.
 *
 * @param idleTimeoutSeconds a session unused this long ends
 * @param absoluteTimeoutSeconds a session ends this long after its login, used or not
 * @param twoFactorRoles roles whose members must enrol two-factor sign-in before doing anything else
 * @param globalAllowlist addresses every request must come from (empty: any)
 * @param roleAllowlists per role, addresses its members' requests must come from, on top of the global list
 * @param auditRetentionDays how long audit records stay live ({@code null}: for ever); applied by the audit module
 * @param masking whether data masking is on (stored here; applied by the masking feature)
 * @param defaultMaxConsoleSessions concurrent SQL console sessions per user, unless the user has an override
 * @param defaultMaxRunningStatements statements running at once per user, unless the user has an override
 */
public record SecuritySettings(int idleTimeoutSeconds, int absoluteTimeoutSeconds, Set<Role> twoFactorRoles,
		List<String> globalAllowlist, Map<Role, List<String>> roleAllowlists, @Nullable Integer auditRetentionDays,
		boolean masking, @Nullable Integer defaultMaxConsoleSessions, @Nullable Integer defaultMaxRunningStatements) {

	public SecuritySettings {
		twoFactorRoles = Set.copyOf(twoFactorRoles);
		globalAllowlist = List.copyOf(globalAllowlist);
		roleAllowlists = Map.copyOf(roleAllowlists);
	}

	/** The allowlist of a role; empty when the role has none. */
	public List<String> allowlistOf(Role role) {
		return roleAllowlists.getOrDefault(role, List.of());
	}
}

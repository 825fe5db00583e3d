package dev.steward.security.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;

/**
 * Checks an administrator's new settings before they are stored: timeouts within bounds, allowlists parsed to
 * canonical CIDR blocks, and no list that shuts out the administrator's own current address unless they said so.
 */
@Service
public class SecuritySettingsEditor {

	static final int MAX_IDLE_SECONDS = 7 * 24 * 3600;

	static final int MAX_ABSOLUTE_SECONDS = 30 * 24 * 3600;

	/** Saving would refuse the saving administrator's own address; they must confirm. */
	public static class SelfLockout extends RuntimeException {

		private final String address;

		SelfLockout(String address) {
			super("These allowlists would refuse your own address " + address
					+ "; send \"confirmSelfLockout\": true to save them anyway");
			this.address = address;
		}

		public String address() {
			return address;
		}
	}

	private final SecuritySettingsStore store;

	private final SecuritySettingsProperties properties;

	SecuritySettingsEditor(SecuritySettingsStore store, SecuritySettingsProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/**
	 * Validates, canonicalises and stores {@code draft}, as saved by a caller of {@code role} at {@code address}.
	 *
	 * @throws InvalidInput naming the field at fault
	 * @throws SelfLockout when the lists would refuse the caller and {@code confirmSelfLockout} is false
	 */
	public SecuritySettings update(SecuritySettings draft, boolean confirmSelfLockout, String address, Role role,
			Actor actor) {
		SecuritySettings next = validated(draft);
		if (!confirmSelfLockout && !Allowlists.allows(next, role, address)) {
			throw new SelfLockout(address);
		}
		return store.save(next, actor);
	}

	SecuritySettings validated(SecuritySettings draft) {
		long min = Math.max(1, properties.minTimeout().toSeconds());
		if (draft.idleTimeoutSeconds() < min || draft.idleTimeoutSeconds() > MAX_IDLE_SECONDS) {
			throw new InvalidInput("idleTimeoutSeconds", "must be between " + min + " and " + MAX_IDLE_SECONDS);
		}
		if (draft.absoluteTimeoutSeconds() < draft.idleTimeoutSeconds()
				|| draft.absoluteTimeoutSeconds() > MAX_ABSOLUTE_SECONDS) {
			throw new InvalidInput("absoluteTimeoutSeconds",
					"must be at least the idle timeout and at most " + MAX_ABSOLUTE_SECONDS);
		}
		List<String> global = Allowlists.canonical("globalAllowlist", draft.globalAllowlist());
		Map<Role, List<String>> perRole = new EnumMap<>(Role.class);
		draft.roleAllowlists().forEach((role, list) -> {
			List<String> canonical = Allowlists.canonical("roleAllowlists." + role, list);
			if (!canonical.isEmpty()) {
				perRole.put(role, canonical);
			}
		});
		return new SecuritySettings(draft.idleTimeoutSeconds(), draft.absoluteTimeoutSeconds(), draft.twoFactorRoles(),
				global, perRole, draft.auditRetentionDays(), draft.masking(), draft.defaultMaxConsoleSessions(),
				draft.defaultMaxRunningStatements());
	}
}

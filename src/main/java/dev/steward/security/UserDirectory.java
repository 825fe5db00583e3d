package dev.steward.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.internal.UserStore;

/**
 * What other modules may know about users — names for display and who administers — without reading the
 * security module's tables themselves.
 */
@Service
public class UserDirectory {

	private final UserStore users;

	UserDirectory(UserStore users) {
		this.users = users;
	}

	/** Usernames of the given users; unknown ids are simply absent. */
	@Transactional(readOnly = true)
	public Map<UUID, String> usernames(Collection<UUID> ids) {
		Map<UUID, String> names = new HashMap<>();
		if (!ids.isEmpty()) {
			users.usernames(ids).forEach(names::put);
		}
		return names;
	}

	/**
	 * The user's role while the account is enabled; empty for an unknown or disabled user. For the system acting on
	 * someone's behalf (a maintenance schedule checks its owner may still write to the connection).
	 */
	@Transactional(readOnly = true)
	public Optional<Role> enabledRole(UUID id) {
		return users.findById(id).filter(u -> u.enabled()).map(u -> u.role());
	}

	/** The first enabled administrator, preferring the bootstrap {@code admin}: owner of things the system sets up. */
	@Transactional(readOnly = true)
	public Optional<UUID> firstEnabledAdmin() {
		return users.firstEnabledAdmin();
	}
}

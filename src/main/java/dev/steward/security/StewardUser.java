package dev.steward.security;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The authenticated principal, for sessions and API tokens alike. */
public final class StewardUser implements UserDetails {

	private final UUID id;

	private final String username;

	private final @Nullable String passwordHash;

	private final Role role;

	private final boolean enabled;

	public StewardUser(UUID id, String username, @Nullable String passwordHash, Role role, boolean enabled) {
		this.id = id;
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = enabled;
	}

	public UUID id() {
		return id;
	}

	public Role role() {
		return role;
	}

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	/** The same principal without its password hash, for keeping in a session. */
	public StewardUser withoutPassword() {
		return new StewardUser(id, username, null, role, enabled);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	public @Nullable String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public String toString() {
		return "StewardUser[" + username + ", " + role + "]";
	}
}

package dev.steward.security.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.security.UserEvents.OtherSessionsEnded;
import dev.steward.security.UserEvents.PasswordChanged;
import dev.steward.security.UserEvents.UserChanged;
import dev.steward.security.UserEvents.UserCreated;
import dev.steward.security.UserEvents.UserUnlocked;
import dev.steward.security.internal.UserStore.UserRow;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Administers user accounts. Input shape (lengths, username pattern) is checked by the web layer's request
 * records; this class enforces the rules that need the store: unique names, at least one enabled administrator,
 * the current password for a self-service change.
 */
@Service
public class UserManagement {

	private final UserStore users;

	private final PasswordEncoder encoder;

	private final ApplicationEventPublisher events;

	private final ApiTokenStore tokens;

	private final LoginThrottle throttle;

	UserManagement(UserStore users, PasswordEncoder encoder, ApplicationEventPublisher events, ApiTokenStore tokens,
			LoginThrottle throttle) {
		this.users = users;
		this.encoder = encoder;
		this.events = events;
		this.tokens = tokens;
		this.throttle = throttle;
	}

	/** Until when the user's account is locked against logins, if it is. */
	public Optional<Instant> lockedUntil(UserRow user) {
		return throttle.accountLockedUntil(user.username());
	}

	/** The user, or 404. */
	public UserRow find(UUID id) {
		return users.findById(id).orElseThrow(() -> new NotFound("User", id));
	}

	public List<UserRow> list() {
		return users.findAll();
	}

	@Transactional
	public UserRow create(String username, String password, Role role) {
		String name = username.toLowerCase(Locale.ROOT);
		if (users.findByUsername(name).isPresent()) {
			throw new Conflict("A user named '" + name + "' already exists");
		}
		UserRow created;
		try {
			created = users.insert(name, encoder.encode(password), role);
		}
		catch (DuplicateKeyException e) {
			throw new Conflict("A user named '" + name + "' already exists");
		}
		events.publishEvent(new UserCreated(Actor.current(), created.id().toString(), name, role, Instant.now()));
		return created;
	}

	@Transactional
	public UserRow update(UUID id, @Nullable Role role, @Nullable Boolean enabled) {
		UserRow user = users.findById(id).orElseThrow(() -> new NotFound("User", id));
		boolean roleChanges = role != null && role != user.role();
		boolean enabledChanges = enabled != null && enabled != user.enabled();
		if (!roleChanges && !enabledChanges) {
			return user;
		}
		boolean staysEnabledAdmin = (roleChanges ? role : user.role()) == Role.ADMIN
				&& (enabledChanges ? enabled : user.enabled());
		if (!staysEnabledAdmin) {
			List<UUID> admins = users.lockEnabledAdmins();
			if (admins.stream().noneMatch(admin -> !admin.equals(id))) {
				throw new Conflict("This change would leave no enabled administrator");
			}
		}
		List<String> changes = new ArrayList<>();
		if (roleChanges) {
			users.updateRole(id, role);
			// sessions carry what the user could do when they began: they start again under the new role
			users.raiseSessionEpoch(id);
			changes.add("role " + user.role() + " -> " + role + " (sessions ended)");
		}
		if (enabledChanges) {
			users.updateEnabled(id, enabled);
			changes.add(enabled ? "enabled" : "disabled");
		}
		events.publishEvent(new UserChanged(Actor.current(), id.toString(),
				"Changed user " + user.username() + ": " + String.join(", ", changes), Instant.now()));
		return users.findById(id).orElseThrow();
	}

	/**
	 * An administrator's reset: whoever knew the old password (or holds a token) is out. Ends all the user's
	 * sessions, revokes all their API tokens and lifts a login lock.
	 */
	@Transactional
	public UserRow resetPassword(UUID id, String newPassword) {
		UserRow user = users.findById(id).orElseThrow(() -> new NotFound("User", id));
		users.updatePassword(user.id(), encoder.encode(newPassword));
		users.raiseSessionEpoch(user.id());
		int revoked = tokens.revokeAllOfUser(user.id(), Instant.now());
		throttle.unlock(user.username());
		events.publishEvent(new PasswordChanged(Actor.current(), id.toString(), true, revoked, Instant.now()));
		return user;
	}

	/**
	 * Ends every other session of the user; {@code keep} receives the new session epoch (inside the transaction,
	 * before it commits) to stamp the caller's own session with. API tokens are revoked only if asked.
	 */
	@Transactional
	public void changeOwnPassword(CurrentUser me, String currentPassword, String newPassword, boolean revokeTokens,
			LongConsumer keep) {
		UserRow user = users.findById(me.id()).orElseThrow(() -> new NotFound("User", me.id()));
		if (!encoder.matches(currentPassword, user.passwordHash())) {
			throw new InvalidInput("currentPassword", "is not your current password");
		}
		users.updatePassword(user.id(), encoder.encode(newPassword));
		keep.accept(users.raiseSessionEpoch(user.id()));
		int revoked = revokeTokens ? tokens.revokeAllOfUser(user.id(), Instant.now()) : 0;
		events.publishEvent(new PasswordChanged(Actor.current(), me.id().toString(), false, revoked, Instant.now()));
	}

	/** "Sign out everywhere else": as {@link #changeOwnPassword} without the password. */
	@Transactional
	public void endOtherSessions(CurrentUser me, LongConsumer keep) {
		keep.accept(users.raiseSessionEpoch(me.id()));
		events.publishEvent(new OtherSessionsEnded(Actor.current(), me.id().toString(), Instant.now()));
	}

	/** An administrator lifts a login lock; recorded even when there was none. */
	@Transactional
	public UserRow unlock(UUID id) {
		UserRow user = users.findById(id).orElseThrow(() -> new NotFound("User", id));
		boolean wasLocked = throttle.unlock(user.username());
		events.publishEvent(new UserUnlocked(Actor.current(), id.toString(), user.username(), wasLocked, Instant.now()));
		return user;
	}
}

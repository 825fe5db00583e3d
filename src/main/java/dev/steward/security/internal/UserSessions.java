package dev.steward.security.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

import dev.steward.security.SecuritySettings;

import jakarta.servlet.http.HttpSession;

/**
 * Ends a user's sessions without relying on finding them: each session carries the user's session epoch from when
 * it began, and {@link RequestAuthenticationFilter} refuses a session whose epoch is older than the stored one.
 * Raising the epoch therefore ends every session of that user at once, on every instance sharing the store. The
 * sessions themselves are Spring Session rows in the store; {@link #deleteEnded} then removes the ended ones found
 * by principal name, so they do not linger until their idle timeout.
 */
@Component
public class UserSessions {

	static final String EPOCH = "dev.steward.session-epoch";

	private final UserStore users;

	private final FindByIndexNameSessionRepository<? extends Session> store;

	UserSessions(UserStore users, FindByIndexNameSessionRepository<? extends Session> store) {
		this.users = users;
		this.store = store;
	}

	/**
	 * Deletes the stored sessions of a user whose epoch was raised (after that committed), except {@code keepId}:
	 * the caller's own session when it was kept. Sessions still in use are refused by their epoch in any case.
	 */
	public void deleteEnded(String username, @Nullable String keepId) {
		store.findByPrincipalName(username)
			.keySet()
			.stream()
			.filter(id -> !id.equals(keepId))
			.forEach(store::deleteById);
	}

	/** Marks a session that has just logged in as current for the user. */
	public void begin(HttpSession session, UUID userId, SecuritySettings settings) {
		users.findById(userId).ifPresent(user -> session.setAttribute(EPOCH, user.sessionEpoch()));
		session.setMaxInactiveInterval(settings.idleTimeoutSeconds());
	}

	/**
	 * Whether a session has outlived the security settings' absolute timeout (counted from its login, which always
	 * begins a new session). The idle timeout is Spring Session's own: the session's inactive interval, which this
	 * keeps equal to the settings (so a changed setting reaches sessions begun before it); Spring Session ends a
	 * session idle longer than that on every instance, as the interval is stored with the session.
	 */
	static boolean outlived(HttpSession session, SecuritySettings settings) {
		try {
			if (session.getMaxInactiveInterval() != settings.idleTimeoutSeconds()) {
				session.setMaxInactiveInterval(settings.idleTimeoutSeconds());
			}
			return System.currentTimeMillis() - session.getCreationTime() > settings.absoluteTimeoutSeconds() * 1000L;
		}
		catch (IllegalStateException e) {
			return true; // invalidated meanwhile
		}
	}

	/** When a session ends at the latest, used or not (the absolute timeout). */
	public static java.time.Instant absoluteExpiry(HttpSession session, SecuritySettings settings) {
		return java.time.Instant.ofEpochMilli(session.getCreationTime()).plusSeconds(settings.absoluteTimeoutSeconds());
	}

	/** Keeps a session alive across an epoch raise (its own password change, "sign out everywhere else"). */
	public static void keep(HttpSession session, long epoch) {
		session.setAttribute(EPOCH, epoch);
	}

	/**
	 * Whether a session may still act for its user. Not older rather than equal: the session that raises the epoch
	 * is stamped with the new value before the raise commits, and a concurrent request on it must not end it.
	 * A session without a stamp (begun before this rule existed) has ended.
	 */
	static boolean isCurrent(HttpSession session, UserStore.UserRow user) {
		return session.getAttribute(EPOCH) instanceof Long epoch && epoch >= user.sessionEpoch();
	}
}

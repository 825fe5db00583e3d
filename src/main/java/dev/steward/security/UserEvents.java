package dev.steward.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts the security module publishes; the audit module records them. */
public final class UserEvents {

	private UserEvents() {
	}

	public record LoggedIn(Actor actor, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.login", "user", actor.username(), Outcome.SUCCESS, "Logged in");
		}
	}

	/** {@code reason} is for the log reader; never contains the attempted password. */
	public record LoginFailed(Actor actor, String reason, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.login", "user", actor.username(), Outcome.FAILURE, reason);
		}
	}

	/** The username or the source address is locked after too many failures; the password was not checked. */
	public record LoginThrottled(Actor actor, long retryAfterSeconds, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.login", "user", actor.username(), Outcome.DENIED,
					"Too many failed logins; locked for another " + retryAfterSeconds + " s");
		}
	}

	public record LoggedOut(Actor actor, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.logout", "user", actor.username(), Outcome.SUCCESS, "Logged out");
		}
	}

	public record UserCreated(Actor actor, String userId, String username, Role role, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "user.create", "user", userId, Outcome.SUCCESS,
					"Created user " + username + " as " + role);
		}
	}

	public record UserChanged(Actor actor, String userId, String change, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "user.update", "user", userId, Outcome.SUCCESS, change);
		}
	}

	public record PasswordChanged(Actor actor, String userId, boolean reset, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, reset ? "user.password-reset" : "user.password-change", "user", userId,
					Outcome.SUCCESS, reset ? "Password reset by an administrator" : "Password changed");
		}
	}

	public record ApiTokenCreated(Actor actor, String tokenId, String name, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "token.create", "api-token", tokenId, Outcome.SUCCESS,
					"Created API token '" + name + "'");
		}
	}

	public record ApiTokenRevoked(Actor actor, String tokenId, @Nullable String name, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "token.revoke", "api-token", tokenId, Outcome.SUCCESS,
					"Revoked API token '" + name + "'");
		}
	}
}

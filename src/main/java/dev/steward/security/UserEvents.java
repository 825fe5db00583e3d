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

	/**
	 * @param method {@code password} or {@code oidc}
	 * @param provider the single sign-on provider's key; null for a password login
	 */
	public record LoggedIn(Actor actor, String method, @Nullable String provider, Instant at) implements AuditableEvent {

		public LoggedIn(Actor actor, Instant at) {
			this(actor, "password", null, at);
		}

		@Override
		public AuditEntry audit() {
			String detail = provider == null ? "Logged in"
					: "Logged in (method " + method + ", provider " + provider + ")";
			return new AuditEntry(at, actor, "auth.login", "user", actor.username(), Outcome.SUCCESS, detail);
		}
	}

	/** A person signed in through a single sign-on provider for the first time and got an account. */
	public record UserProvisioned(Actor actor, String userId, String username, String provider, Role role, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "user.create", "user", userId, Outcome.SUCCESS, "Provisioned user "
					+ username + " as " + role + " at first sign-in (method oidc, provider " + provider + ")");
		}
	}

	/** {@code reason} is for the log reader; never contains the attempted password. */
	public record LoginFailed(Actor actor, String reason, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.login", "user", actor.username(), Outcome.FAILURE, reason);
		}
	}

	/**
	 * Refused without looking at the password: this username from this address (or this address altogether) must
	 * wait after too many failures.
	 */
	public record LoginThrottled(Actor actor, long retryAfterSeconds, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.login", "user", actor.username(), Outcome.DENIED,
					"Too many failed logins; must wait another " + retryAfterSeconds + " s");
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

	/** Other sessions always end with a password change (all of them on a reset); tokens as counted. */
	public record PasswordChanged(Actor actor, String userId, boolean reset, int tokensRevoked, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			String detail = (reset ? "Password reset by an administrator; all sessions ended"
					: "Password changed; other sessions ended")
					+ (tokensRevoked > 0 ? "; revoked " + tokensRevoked + " API token(s)" : "");
			return new AuditEntry(at, actor, reset ? "user.password-reset" : "user.password-change", "user", userId,
					Outcome.SUCCESS, detail);
		}
	}

	public record OtherSessionsEnded(Actor actor, String userId, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.sessions-revoke", "user", userId, Outcome.SUCCESS,
					"Signed out everywhere else");
		}
	}

	/** An administrator lifted a login lock (or found none to lift; the action is recorded either way). */
	public record UserUnlocked(Actor actor, String userId, String username, boolean wasLocked, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "user.unlock", "user", userId, Outcome.SUCCESS,
					wasLocked ? "Unlocked user " + username : "Unlock user " + username + " (was not locked)");
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

	/** An administrator revoked every token of a user (the target is the user). */
	public record ApiTokensRevokedByAdmin(Actor actor, String userId, String username, int revoked, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "token.revoke-all", "user", userId, Outcome.SUCCESS,
					"Revoked all API tokens of " + username + " (" + revoked + " live)");
		}
	}

	/** Two-factor sign-in was turned on (enrolment confirmed with a code) or off. */
	public record TwoFactorChanged(Actor actor, String userId, boolean enabled, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, enabled ? "auth.two-factor-enable" : "auth.two-factor-disable", "user",
					userId, Outcome.SUCCESS, enabled ? "Two-factor sign-in turned on" : "Two-factor sign-in turned off");
		}
	}

	/** A recovery code stood in for the authenticator at a login; each works once. */
	public record RecoveryCodeUsed(Actor actor, String userId, int left, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "auth.recovery-code", "user", userId, Outcome.SUCCESS,
					"Logged in with a recovery code; " + left + " left");
		}
	}
}

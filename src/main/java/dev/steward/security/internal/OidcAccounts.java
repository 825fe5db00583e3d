package dev.steward.security.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.Role;
import dev.steward.security.StewardUser;
import dev.steward.security.UserEvents.LoggedIn;
import dev.steward.security.UserEvents.LoginFailed;
import dev.steward.security.UserEvents.UserChanged;
import dev.steward.security.UserEvents.UserProvisioned;
import dev.steward.security.internal.UserStore.UserRow;
import dev.steward.shared.Actor;

/**
 * Single sign-on accounts: the person the provider vouched for (issuer + subject) becomes a Steward user at first
 * sign-in, and the role follows the provider's groups claim at every sign-in. A refusal returns (and is audited)
 * rather than throwing, so its audit event commits.
 */
@Service
public class OidcAccounts {

	/** Stored instead of a password hash: no {@code {sso}} encoder exists, so no password ever matches it. */
	static final String NO_PASSWORD = "{sso}";

	public sealed interface Result {
	}

	/** {@code sessionsEnded}: the role changed, so the user's other sessions were ended. */
	public record Succeeded(StewardUser user, boolean sessionsEnded) implements Result {
	}

	/** {@code type}: the problem type's last segment. */
	public record Refused(String type, String title, String detail) implements Result {
	}

	private final UserStore users;

	private final OidcIdentityStore identities;

	private final ApplicationEventPublisher events;

	OidcAccounts(UserStore users, OidcIdentityStore identities, ApplicationEventPublisher events) {
		this.users = users;
		this.identities = identities;
		this.events = events;
	}

	@Transactional
	public Result signIn(String key, OidcProperties.Provider provider, String issuer, String subject,
			Map<String, Object> claims, @Nullable String sourceIp) {
		Optional<Role> role = roleOf(provider, claims);
		Optional<UUID> linked = identities.userOf(issuer, subject);
		Optional<UserRow> existing = linked.flatMap(users::findById);
		String name = existing.map(UserRow::username).orElseGet(() -> hint(key, claims, subject));
		Actor actor = new Actor(name, sourceIp);
		if (existing.isPresent() && !existing.get().enabled()) {
			events.publishEvent(new LoginFailed(actor, "Account disabled (method oidc, provider " + key + ")",
					Instant.now()));
			return new Refused("login-failed", "Login failed", "Your Steward account is disabled");
		}
		if (role.isEmpty()) {
			events.publishEvent(new LoginFailed(actor, "No role: the " + provider.roleClaim()
					+ " claim names no mapped group and there is no default role (method oidc, provider " + key + ")",
					Instant.now()));
			return new Refused("sso-no-role", "No access",
					"Your account at " + provider.label(key) + " is in no group that gives access to Steward");
		}
		boolean sessionsEnded = false;
		UserRow user;
		if (existing.isPresent()) {
			user = existing.get();
			if (user.role() != role.get()) {
				users.updateRole(user.id(), role.get());
				// as for an administrator's change: sessions begun under the old role end
				users.raiseSessionEpoch(user.id());
				sessionsEnded = true;
				events.publishEvent(new UserChanged(actor, user.id().toString(), "Changed user " + user.username()
						+ ": role " + user.role() + " -> " + role.get() + " from the " + provider.roleClaim()
						+ " claim of provider " + key + " (sessions ended)", Instant.now()));
			}
			identities.touch(issuer, subject);
		}
		else {
			user = users.insert(uniqueUsername(claims, subject), NO_PASSWORD + UUID.randomUUID(), role.get());
			identities.link(issuer, subject, key, user.id());
			actor = new Actor(user.username(), sourceIp);
			events.publishEvent(new UserProvisioned(actor, user.id().toString(), user.username(), key, role.get(),
					Instant.now()));
		}
		events.publishEvent(new LoggedIn(actor, "oidc", key, Instant.now()));
		UserRow current = users.findById(user.id()).orElseThrow();
		return new Succeeded(current.toPrincipal().withoutPassword(), sessionsEnded);
	}

	/** A sign-in the provider or the callback refused before any account was looked at. */
	@Transactional
	public void failed(String key, String reason, @Nullable String sourceIp) {
		events.publishEvent(new LoginFailed(new Actor("sso:" + key, sourceIp),
				reason + " (method oidc, provider " + key + ")", Instant.now()));
	}

	/** The highest role any of the claim's values maps to, else the default role, else none. */
	static Optional<Role> roleOf(OidcProperties.Provider provider, Map<String, Object> claims) {
		Object value = claims.get(provider.roleClaim());
		List<?> values = value instanceof Collection<?> many ? new ArrayList<>(many)
				: value == null ? List.of() : List.of(value);
		Optional<Role> mapped = values.stream()
			.map(v -> provider.roleMapping().get(String.valueOf(v)))
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder()); // ADMIN first
		return mapped.or(() -> Optional.ofNullable(provider.defaultRole()));
	}

	/**
	 * A name in Steward's pattern from {@code preferred_username}, the e-mail's local part or the subject; a name
	 * already taken gets a suffix, so a provider's "admin" never becomes the local admin.
	 */
	private String uniqueUsername(Map<String, Object> claims, String subject) {
		String base = usernameBase(claims, subject);
		String candidate = base;
		for (int n = 2; users.findByUsername(candidate).isPresent(); n++) {
			candidate = n < 100 ? base + "-" + n : base + "-" + UUID.randomUUID().toString().substring(0, 8);
		}
		return candidate;
	}

	static String usernameBase(Map<String, Object> claims, String subject) {
		String raw = claims.get("preferred_username") instanceof String s && !s.isBlank() ? s
				: claims.get("email") instanceof String e && e.contains("@") ? e.substring(0, e.indexOf('@'))
						: "sso-" + subject;
		String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
		if (name.length() > 50) {
			name = name.substring(0, 50);
		}
		return name.length() < 3 ? "sso-" + name + "-user" : name;
	}

	private static String hint(String key, Map<String, Object> claims, String subject) {
		String hint = key + ":" + usernameBase(claims, subject);
		return hint.length() > 64 ? hint.substring(0, 64) : hint;
	}
}

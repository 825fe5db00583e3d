package dev.steward.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.StewardUser;
import dev.steward.security.UserEvents.LoggedIn;
import dev.steward.security.UserEvents.LoggedOut;
import dev.steward.security.UserEvents.LoginFailed;
import dev.steward.security.UserEvents.LoginThrottled;
import dev.steward.shared.Actor;

/**
 * Checks credentials and records the attempt. Failures return instead of throwing so that the
 * {@link LoginFailed} event commits with the transaction rather than being rolled back with it.
 * Every outcome is published as an audit event, so callers need not audit a failed login again.
 */
@Service
public class Logins {

	public sealed interface Result {
	}

	public record Succeeded(Authentication authentication) implements Result {
	}

	public record Failed(String message) implements Result {
	}

	/** The password was right and the account has two-factor sign-in: ask for the code. Nothing was recorded. */
	public record SecondFactorRequired() implements Result {
	}

	/** Password sign-in is turned off and this is not the break-glass account; the password was not looked at. */
	public record PasswordLoginOff() implements Result {
	}

	/** Must wait after too many failures; the password was not looked at. */
	public record Throttled(long retryAfterSeconds) implements Result {

		public String message() {
			return "Too many failed logins; try again in " + retryAfterSeconds + " seconds";
		}
	}

	private final AuthenticationManager authenticationManager;

	private final ApplicationEventPublisher events;

	private final LoginThrottle throttle;

	private final TwoFactor twoFactor;

	private final LocalLoginProperties localLogin;

	Logins(AuthenticationManager authenticationManager, ApplicationEventPublisher events, LoginThrottle throttle,
			TwoFactor twoFactor, LocalLoginProperties localLogin) {
		this.twoFactor = twoFactor;
		this.localLogin = localLogin;
		this.authenticationManager = authenticationManager;
		this.events = events;
		this.throttle = throttle;
	}

	@Transactional
	public Result login(String username, String password, @Nullable String sourceIp) {
		return login(username, password, null, sourceIp);
	}

	/** As {@link #login(String, String, String)} with the second factor, if the account has one. */
	@Transactional
	public Result login(String username, String password, @Nullable String code, @Nullable String sourceIp) {
		Actor actor = new Actor(username.toLowerCase(Locale.ROOT), sourceIp);
		if (!localLogin.allows(username)) {
			events.publishEvent(new LoginFailed(actor, "Password login is turned off", Instant.now()));
			return new PasswordLoginOff();
		}
		Optional<Duration> wait = throttle.mustWait(username, sourceIp);
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			events.publishEvent(new LoginThrottled(actor, seconds, Instant.now()));
			return new Throttled(seconds);
		}
		try {
			Authentication auth = authenticationManager
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
			StewardUser user = (StewardUser) auth.getPrincipal();
			StewardUser safe = user.withoutPassword();
			if (twoFactor.enabled(user.id())) {
				if (code == null || code.isBlank()) {
					return new SecondFactorRequired();
				}
				if (!twoFactor.verify(user.id(), code, actor)) {
					throttle.failed(username, sourceIp);
					events.publishEvent(new LoginFailed(actor, "Wrong or reused second factor", Instant.now()));
					return new Failed("Invalid authentication code");
				}
			}
			// the correct password (and second factor, when the account has one) lifts a lock
			throttle.succeeded(username, sourceIp);
			events.publishEvent(new LoggedIn(actor, Instant.now()));
			return new Succeeded(UsernamePasswordAuthenticationToken.authenticated(safe, null, safe.getAuthorities()));
		}
		catch (DisabledException e) {
			throttle.failed(username, sourceIp);
			events.publishEvent(new LoginFailed(actor, "Account disabled", Instant.now()));
			return new Failed("Invalid username or password");
		}
		catch (AuthenticationException e) {
			throttle.failed(username, sourceIp);
			events.publishEvent(new LoginFailed(actor, "Bad credentials", Instant.now()));
			return new Failed("Invalid username or password");
		}
	}

	@Transactional
	public void loggedOut(Actor actor) {
		events.publishEvent(new LoggedOut(actor, Instant.now()));
	}
}

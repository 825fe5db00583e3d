package dev.steward.security.internal;

import java.time.Instant;

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
import dev.steward.shared.Actor;

/**
 * Checks credentials and records the attempt. Failures return instead of throwing so that the
 * {@link LoginFailed} event commits with the transaction rather than being rolled back with it.
 */
@Service
public class Logins {

	public sealed interface Result {
	}

	public record Succeeded(Authentication authentication) implements Result {
	}

	public record Failed(String message) implements Result {
	}

	private final AuthenticationManager authenticationManager;

	private final ApplicationEventPublisher events;

	Logins(AuthenticationManager authenticationManager, ApplicationEventPublisher events) {
		this.authenticationManager = authenticationManager;
		this.events = events;
	}

	@Transactional
	public Result login(String username, String password, @Nullable String sourceIp) {
		Actor actor = new Actor(username.toLowerCase(java.util.Locale.ROOT), sourceIp);
		try {
			Authentication auth = authenticationManager
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
			StewardUser user = (StewardUser) auth.getPrincipal();
			StewardUser safe = user.withoutPassword();
			events.publishEvent(new LoggedIn(actor, Instant.now()));
			return new Succeeded(UsernamePasswordAuthenticationToken.authenticated(safe, null, safe.getAuthorities()));
		}
		catch (DisabledException e) {
			events.publishEvent(new LoginFailed(actor, "Account disabled", Instant.now()));
			return new Failed("Invalid username or password");
		}
		catch (AuthenticationException e) {
			events.publishEvent(new LoginFailed(actor, "Bad credentials", Instant.now()));
			return new Failed("Invalid username or password");
		}
	}

	@Transactional
	public void loggedOut(Actor actor) {
		events.publishEvent(new LoggedOut(actor, Instant.now()));
	}
}

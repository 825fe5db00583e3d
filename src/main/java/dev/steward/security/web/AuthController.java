package dev.steward.security.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.security.StewardUser;
import dev.steward.security.internal.ApiTokens;
import dev.steward.security.internal.LocalLoginProperties;
import dev.steward.security.internal.Logins;
import dev.steward.security.internal.OidcLogin;
import dev.steward.security.internal.OidcProperties;
import dev.steward.security.internal.SecuritySettingsStore;
import dev.steward.security.internal.SessionStarter;
import dev.steward.security.internal.TwoFactor;
import dev.steward.security.internal.UserManagement;
import dev.steward.security.internal.UserSessions;
import dev.steward.shared.Actor;
import dev.steward.shared.SafeText;
import dev.steward.shared.web.Problems;
import dev.steward.shared.web.StewardRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

	record LoginRequest(
			@NotBlank @Size(max = 64) @SafeText String username,
			@NotBlank @Size(max = 256) String password,
			@Schema(description = "The authenticator's code or a recovery code, when the account has two-factor sign-in")
			@Nullable @Size(max = 32) String code) {
	}

	/** {@code revokeTokens}: also revoke all your API tokens (other sessions end in any case). */
	record PasswordChange(@NotBlank @Size(max = 256) String currentPassword,
			@NotNull @Size(min = 12, max = 256) String newPassword, @Nullable Boolean revokeTokens) {
	}

	/**
	 * {@code session}: the cookie session's timeouts ({@code null} for an API token); {@code expiresAt} is the
	 * absolute end, and a session unused for {@code idleTimeoutSeconds} ends sooner.
	 * {@code twoFactorEnrolmentRequired}: the role must use two-factor sign-in and this user has not enrolled, so
	 * the session reaches only the enrolment until they do.
	 */
	record Me(UUID id, String username, Role role, @Nullable SessionTimes session, boolean twoFactorEnrolmentRequired) {
	}

	record SessionTimes(int idleTimeoutSeconds, Instant expiresAt) {
	}

	record Csrf(String headerName, String token) {
	}

	@Schema(description = "A single sign-on provider: send the browser to loginUrl to sign in there")
	record SignInProvider(String key, String displayName, String loginUrl) {
	}

	@Schema(description = "How one may sign in: with a password (false: only the break-glass administrator may) "
			+ "and through which single sign-on providers")
	record SignInOptions(boolean passwordLogin, List<SignInProvider> providers) {
	}

	private final Logins logins;

	private final UserManagement userManagement;

	private final UserSessions sessions;

	private final SessionStarter starter;

	private final OidcProperties oidc;

	private final LocalLoginProperties localLogin;

	private final SecuritySettingsStore settings;

	private final TwoFactor twoFactor;

	AuthController(Logins logins, UserManagement userManagement, UserSessions sessions, SessionStarter starter,
			OidcProperties oidc, LocalLoginProperties localLogin, SecuritySettingsStore settings, TwoFactor twoFactor) {
		this.logins = logins;
		this.userManagement = userManagement;
		this.sessions = sessions;
		this.starter = starter;
		this.oidc = oidc;
		this.localLogin = localLogin;
		this.settings = settings;
		this.twoFactor = twoFactor;
	}

	@Operation(summary = "How to sign in: password login on or off, and the single sign-on providers (anonymous)")
	@GetMapping("/providers")
	@PreAuthorize("permitAll()")
	SignInOptions providers() {
		List<SignInProvider> providers = oidc.providers()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> new SignInProvider(e.getKey(), e.getValue().label(e.getKey()),
					OidcLogin.AUTHORIZE_PATH + e.getKey()))
			.toList();
		return new SignInOptions(localLogin.enabled(), providers);
	}

	@Operation(summary = "Log in with username and password; starts a session cookie")
	@PostMapping("/login")
	@PreAuthorize("permitAll()")
	ResponseEntity<?> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		Logins.Result result = logins.login(body.username(), body.password(), body.code(), request.getRemoteAddr());
		if (result instanceof Logins.Succeeded ok) {
			starter.start((StewardUser) ok.authentication().getPrincipal(), request, response);
			return ResponseEntity.ok(me(request));
		}
		// Logins has published the failure or the refusal; the audit of rejected calls must not add another
		StewardRequest.markAudited(request);
		if (result instanceof Logins.Throttled throttled) {
			ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed logins",
					throttled.message());
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
				.body(problem);
		}
		if (result instanceof Logins.PasswordLoginOff) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN,
					"password-login-off", "Password login is turned off",
					"Sign in with single sign-on; only the break-glass administrator may use a password"));
		}
		if (result instanceof Logins.SecondFactorRequired) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Problems.of(HttpStatus.UNAUTHORIZED,
					"second-factor-required", "Second factor required",
					"Enter the code from your authenticator app, or a recovery code"));
		}
		ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "login-failed", "Login failed",
				((Logins.Failed) result).message());
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
	}

	@Operation(summary = "Change your own password (the current one is required); ends your other sessions, "
			+ "and revokes your API tokens if revokeTokens is true")
	@PostMapping("/password")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange body, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		CurrentUser me = CurrentUser.require();
		userManagement.changeOwnPassword(me, body.currentPassword(), body.newPassword(),
				Boolean.TRUE.equals(body.revokeTokens()), epoch -> keep(session, epoch));
		sessions.deleteEnded(me.username(), session == null ? null : session.getId());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Sign out everywhere else: end all your sessions but this one")
	@PostMapping("/sessions/revoke-others")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> revokeOtherSessions(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		CurrentUser me = CurrentUser.require();
		userManagement.endOtherSessions(me, epoch -> keep(session, epoch));
		sessions.deleteEnded(me.username(), session == null ? null : session.getId());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "End the session")
	@PostMapping("/logout")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
		CurrentUser user = CurrentUser.require();
		starter.end(request);
		starter.rotateCsrfToken(request, response);
		logins.loggedOut(new Actor(user.username(), request.getRemoteAddr()));
		return ResponseEntity.noContent().build();
	}

	/** Only a session-authenticated caller has a session to keep; a token caller ends all sessions. */
	private static void keep(@Nullable HttpSession session, long epoch) {
		if (session != null) {
			UserSessions.keep(session, epoch);
		}
	}

	@Operation(summary = "The logged-in user")
	@GetMapping("/me")
	@PreAuthorize("isAuthenticated()")
	Me me(HttpServletRequest request) {
		CurrentUser user = CurrentUser.require();
		SecuritySettings current = settings.current();
		HttpSession session = ApiTokens.isTokenCall() ? null : request.getSession(false);
		SessionTimes times = session == null ? null
				: new SessionTimes(current.idleTimeoutSeconds(), UserSessions.absoluteExpiry(session, current));
		boolean mustEnrol = session != null && twoFactor.mustEnrol(current, user.id(), user.role());
		return new Me(user.id(), user.username(), user.role(), times, mustEnrol);
	}

	@Operation(summary = "The CSRF token (also set as the XSRF-TOKEN cookie); send it as X-XSRF-TOKEN")
	@GetMapping("/csrf")
	@PreAuthorize("permitAll()")
	Csrf csrf(CsrfToken token) {
		return new Csrf(token.getHeaderName(), token.getToken());
	}
}

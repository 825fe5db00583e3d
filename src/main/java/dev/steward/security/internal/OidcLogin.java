package dev.steward.security.internal;

import java.io.IOException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.steward.security.StewardUser;
import dev.steward.shared.web.StewardRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OIDC single sign-on through Spring Security's {@code oauth2Login}, added to the security chain only when a
 * provider is configured (decided at run time, not by a bean condition: the packaged jar's bean definitions are
 * fixed at build time, when no provider is configured). The browser goes to {@code /api/auth/oidc/authorize/<key>},
 * the provider sends it back to {@code /api/auth/oidc/callback/<key>}; there the person is matched to a Steward user ({@link OidcAccounts}) and
 * gets the same session a password login gets ({@link SessionStarter}). The provider's tokens are not kept: Steward
 * needs only who signed in. Errors are problem bodies, or for a browser a return to the login page naming the problem.
 */
@Component
public class OidcLogin {

	public static final String AUTHORIZE_PATH = "/api/auth/oidc/authorize/";

	public static final String CALLBACK_PATH = "/api/auth/oidc/callback/";

	/** A session begun for the round trip to the provider lives this long unless the sign-in completes. */
	private static final int PENDING_SESSION_SECONDS = 600;

	private final OidcProperties properties;

	private final OidcRegistrations registrations;

	private final OidcAccounts accounts;

	private final SessionStarter starter;

	private final UserSessions sessions;

	OidcLogin(OidcProperties properties, OidcAccounts accounts, SessionStarter starter, UserSessions sessions) {
		this.properties = properties;
		this.registrations = new OidcRegistrations(properties);
		this.accounts = accounts;
		this.starter = starter;
		this.sessions = sessions;
	}

	/** Adds single sign-on to the chain, if a provider is configured; otherwise leaves it as it is. */
	void configure(HttpSecurity http) throws Exception {
		if (properties.providers().isEmpty()) {
			return;
		}
		http.addFilterBefore(new StartFilter(), OAuth2AuthorizationRequestRedirectFilter.class);
		http.oauth2Login(login -> login
			// the SPA's own page: also keeps Spring's generated login page out of the chain
			.loginPage("/login")
			.clientRegistrationRepository(registrations)
			.authorizedClientRepository(new NoAuthorizedClients())
			.authorizationEndpoint(a -> a.baseUri(AUTHORIZE_PATH.substring(0, AUTHORIZE_PATH.length() - 1)))
			.redirectionEndpoint(r -> r.baseUri(CALLBACK_PATH + "*"))
			.tokenEndpoint(t -> t.accessTokenResponseClient(OidcHttp.tokenClient()))
			.userInfoEndpoint(u -> u.oidcUserService(OidcHttp.userService()))
			.successHandler(this::succeeded)
			.failureHandler(this::failed));
	}

	private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		if (!(authentication instanceof OAuth2AuthenticationToken token)
				|| !(token.getPrincipal() instanceof OidcUser person)
				|| !(properties.providers().get(token.getAuthorizedClientRegistrationId()) instanceof
						OidcProperties.Provider provider)) {
			starter.end(request);
			respond(request, response, HttpStatus.UNAUTHORIZED, "sso-failed", "Single sign-on failed",
					"The provider did not return an OpenID Connect identity");
			return;
		}
		String key = token.getAuthorizedClientRegistrationId();
		OidcAccounts.Result result;
		try {
			result = accounts.signIn(key, provider, person.getIdToken().getIssuer().toString(), person.getSubject(),
					person.getClaims(), request.getRemoteAddr());
		}
		finally {
			// the chain saved the provider's identity in the round-trip session; it is never a Steward session
			starter.end(request);
		}
		if (result instanceof OidcAccounts.Refused refused) {
			StewardRequest.markAudited(request);
			respond(request, response, HttpStatus.UNAUTHORIZED, refused.type(), refused.title(), refused.detail());
			return;
		}
		StewardUser user = ((OidcAccounts.Succeeded) result).user();
		if (((OidcAccounts.Succeeded) result).sessionsEnded()) {
			sessions.deleteEnded(user.getUsername(), null);
		}
		starter.start(user, request, response);
		response.sendRedirect("/");
	}

	private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String key = path.startsWith(CALLBACK_PATH) ? path.substring(CALLBACK_PATH.length()) : "";
		String code = e instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "error";
		// both come from the request: only a known key and a plain error code reach the audit record
		key = properties.providers().containsKey(key) ? key : "unknown";
		code = code != null && code.matches("[a-z_]{1,40}") ? code : "error";
		accounts.failed(key, "Refused at the callback: " + code, request.getRemoteAddr());
		StewardRequest.markAudited(request);
		starter.end(request);
		respond(request, response, HttpStatus.UNAUTHORIZED, "sso-failed", "Single sign-on failed",
				"The sign-in at the provider did not complete (" + code + "); try again");
	}

	/** A browser goes back to the login page, which names the problem; any other client gets the problem body. */
	private static void respond(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String type, String title, String detail) throws IOException {
		String accept = request.getHeader("Accept");
		if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
			response.sendRedirect("/login?sso_error=" + type);
			return;
		}
		SecurityConfiguration.problem(response, status, type, title, json(detail));
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
	}

	/**
	 * Answers {@code /api/auth/oidc/authorize/<key>} itself when the key is unknown (404) or its provider cannot be
	 * discovered (502), instead of Spring's bare 500; and makes the round-trip session short-lived.
	 */
	private final class StartFilter extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !request.getRequestURI().substring(request.getContextPath().length()).startsWith(AUTHORIZE_PATH);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String key = request.getRequestURI().substring(request.getContextPath().length() + AUTHORIZE_PATH.length());
			if (!properties.providers().containsKey(key)) {
				respond(request, response, HttpStatus.NOT_FOUND, "sso-unknown-provider", "Unknown provider",
						"No single sign-on provider has this key");
				return;
			}
			try {
				registrations.findByRegistrationId(key);
			}
			catch (OidcRegistrations.Unavailable e) {
				logger.warn(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
				respond(request, response, HttpStatus.BAD_GATEWAY, "sso-provider-unavailable",
						"Provider unavailable", properties.providers().get(key).label(key)
								+ " cannot be reached or is misconfigured; try again later or ask an administrator");
				return;
			}
			if (request.getSession(false) == null) {
				// an anonymous caller's session (it holds the state to check at the callback) must not last 8 hours
				request.getSession(true).setMaxInactiveInterval(PENDING_SESSION_SECONDS);
			}
			chain.doFilter(request, response);
		}
	}

	/** Steward keeps none of the provider's tokens (the default would hold them in memory per sign-in). */
	private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

		@Override
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
				@Nullable Authentication principal, HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}
	}
}

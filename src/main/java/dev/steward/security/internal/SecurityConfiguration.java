package dev.steward.security.internal;

import java.io.IOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	static final String PASSWORD_ENCODING = "pbkdf2@SpringSecurity_v5_8";

	@Bean
	PasswordEncoder passwordEncoder() {
		// PBKDF2 for new hashes: bcrypt refuses passwords over 72 bytes and the API allows 256 characters.
		// The {id} prefix keeps older {bcrypt} hashes verifiable.
		DelegatingPasswordEncoder delegating = new DelegatingPasswordEncoder(PASSWORD_ENCODING,
				Map.of(PASSWORD_ENCODING, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
						new BCryptPasswordEncoder()));
		return new PasswordEncoder() {
			@Override
			public @Nullable String encode(@Nullable CharSequence raw) {
				return delegating.encode(raw);
			}

			@Override
			public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
				try {
					return delegating.matches(raw, encoded);
				}
				catch (IllegalArgumentException e) {
					return false; // e.g. a password over 72 bytes against a bcrypt hash: cannot match
				}
			}

			@Override
			public boolean upgradeEncoding(@Nullable String encoded) {
				return delegating.upgradeEncoding(encoded);
			}
		};
	}

	@Bean
	AuthenticationManager authenticationManager(StewardUserDetailsService users, PasswordEncoder encoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		return new ProviderManager(provider);
	}

	/**
	 * No observation around each filter of the chain, each authentication and each authorisation: about a tenth of
	 * a request's CPU under wrk. Request metrics (http.server.requests) are Spring MVC's and stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * The session cookie is written by Spring Session, not by Tomcat's cookie processor ({@link SecureCookies}).
	 * Left unset ({@code auto}) it is {@code Secure} when {@code request.isSecure()}, which {@link ClientAddressFilter}
	 * (ahead of the session filter) makes true for HTTPS and for a trusted proxy saying https.
	 */
	@Bean
	DefaultCookieSerializerCustomizer sessionCookieSecurity(WebSecurityProperties security) {
		return serializer -> {
			switch (security.secureCookie()) {
				case ALWAYS -> serializer.setUseSecureCookie(true);
				case NEVER -> serializer.setUseSecureCookie(false);
				case AUTO -> {
				}
			}
		};
	}

	/** The SPA's cookie repository, also used directly to rotate the token at login and logout. */
	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return CookieCsrfTokenRepository.withHttpOnlyFalse();
	}

	@Bean
	SecurityFilterChain api(HttpSecurity http, SecurityContextRepository contexts, ApiTokens tokens, UserStore users,
			CsrfTokenRepository csrfTokens, WebSecurityProperties security, SecuritySettingsStore settings,
			TwoFactor twoFactor, OidcLogin oidc) throws Exception {
		http.addFilterBefore(new RequestAuthenticationFilter(tokens, users, contexts, settings),
				AnonymousAuthenticationFilter.class);
		http.addFilterAfter(new AccessPolicyFilter(settings, twoFactor), RequestAuthenticationFilter.class);
		http.securityContext(c -> c.securityContextRepository(contexts))
			// Sessions are started by the login endpoint only. No session policy is set: setting one (even the default
			// IF_REQUIRED) adds a filter that stored every bearer call's authentication in a new 8 h session (found by
			// profiling under wrk). No saved-request cache either, which made a session per anonymous call.
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.csrf(csrf -> csrf.spa()
				.csrfTokenRepository(csrfTokens)
				.ignoringRequestMatchers(request -> {
					String auth = request.getHeader("Authorization");
					return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
				}))
			.authorizeHttpRequests(auth -> auth
				// a streamed answer (download, SSE) continues on an ASYNC dispatch of a request already authorised on
				// its REQUEST dispatch; no session is written for bearer calls, so that dispatch has no login to re-check
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
				.requestMatchers("/api/auth/login", "/api/auth/csrf", "/api/auth/providers", "/api/auth/oidc/**")
				.permitAll()
				.requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
				.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.access(security.publicApiDocs() ? (a, r) -> new AuthorizationDecision(true)
						: AuthenticatedAuthorizationManager.authenticated())
				.requestMatchers("/api/**", "/actuator/**").authenticated()
				.anyRequest().permitAll())
			.formLogin(f -> f.disable())
			.httpBasic(b -> b.disable())
			.logout(l -> l.disable())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED,
						"unauthenticated", "Unauthenticated", "Log in or send a valid API token"))
				.accessDeniedHandler((request, response, ex) -> problem(response, HttpStatus.FORBIDDEN, "forbidden",
						"Forbidden", "Missing or invalid CSRF token, or your role does not allow this action")))
			.headers(h -> h
				.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
		// only when a single sign-on provider is configured; otherwise the chain has no OAuth2 filter at all
		oidc.configure(http);
		return http.build();
	}

	static void problem(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"https://steward.dev/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}");
	}
}

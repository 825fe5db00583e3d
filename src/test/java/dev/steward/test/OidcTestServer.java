package dev.steward.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OIDC provider in the test JVM (mock-oauth2-server, with its interactive login form: the username typed
 * there is the subject, and the claims box adds claims), and the Steward properties that point at it. Test classes
 * that list this initializer next to {@link TestStore} share one Steward context with:
 * <ul>
 * <li>provider {@code mock}: groups {@code steward-admins} → ADMIN, {@code steward-operators} → OPERATOR, no default
 * role (a person in neither group is refused);</li>
 * <li>provider {@code open}: another issuer of the same server, default role VIEWER;</li>
 * <li>provider {@code down}: an issuer nobody answers at;</li>
 * <li>password login off, except the break-glass {@code admin}.</li>
 * </ul>
 */
public class OidcTestServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final MockOAuth2Server SERVER = start();

	private static MockOAuth2Server start() {
		MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mock-oauth2-server-stop"));
		return server;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String p = "steward.security.oidc.providers.";
		Map<String, Object> props = new HashMap<>();
		props.put(p + "mock.issuer-uri", SERVER.issuerUrl("steward").toString());
		props.put(p + "mock.client-id", "steward");
		props.put(p + "mock.client-secret", "steward-secret");
		props.put(p + "mock.display-name", "Mock SSO");
		props.put(p + "mock.role-claim", "groups");
		props.put(p + "mock.role-mapping.steward-admins", "ADMIN");
		props.put(p + "mock.role-mapping.steward-operators", "OPERATOR");
		props.put(p + "open.issuer-uri", SERVER.issuerUrl("open").toString());
		props.put(p + "open.client-id", "steward-open");
		props.put(p + "open.display-name", "Open SSO");
		props.put(p + "open.default-role", "VIEWER");
		// port 9 (discard) on loopback: nothing listens, the connection is refused at once
		props.put(p + "down.issuer-uri", "http://127.0.0.1:9/down");
		props.put(p + "down.client-id", "steward");
		props.put("steward.security.local-login.enabled", "false");
		props.put("steward.security.local-login.break-glass-user", "admin");
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("oidc-test-server", props));
	}
}

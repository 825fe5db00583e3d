package dev.steward.security.internal;

import java.nio.charset.Charset;

import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.ServerCookies;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import dev.steward.security.internal.WebSecurityProperties.SecureCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Sets the {@code Secure} flag of every cookie Steward sends (the session's, which the container writes itself,
 * and the XSRF token's) per {@code steward.security.secure-cookie}, deciding per request: Tomcat hands its cookie
 * processor the request, so a TLS-terminating trusted proxy counts as HTTPS too.
 */
@Component
class SecureCookies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final WebSecurityProperties properties;

	private final ClientAddresses addresses;

	SecureCookies(WebSecurityProperties properties, ClientAddresses addresses) {
		this.properties = properties;
		this.addresses = addresses;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// a context customizer runs after Spring Boot installed its own processor (SameSite), which we wrap
		factory.addContextCustomizers(context -> context.setCookieProcessor(wrap(context.getCookieProcessor())));
	}

	boolean secure(HttpServletRequest request) {
		return switch (properties.secureCookie()) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> addresses.isHttps(request);
		};
	}

	CookieProcessor wrap(CookieProcessor delegate) {
		return new CookieProcessor() {
			@Override
			public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
				delegate.parseCookieHeader(headers, serverCookies);
			}

			@Override
			public String generateHeader(Cookie cookie, HttpServletRequest request) {
				if (properties.secureCookie() != SecureCookie.AUTO || !cookie.getSecure()) {
					cookie.setSecure(secure(request));
				}
				return delegate.generateHeader(cookie, request);
			}

			@Override
			public Charset getCharset() {
				return delegate.getCharset();
			}
		};
	}
}

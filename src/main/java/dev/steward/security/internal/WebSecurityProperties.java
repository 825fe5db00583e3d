package dev.steward.security.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code Forwarded} /
 * {@code X-Forwarded-For} / {@code X-Forwarded-Proto} headers are believed; from anyone else they are ignored
 * @param secureCookie when cookies get the {@code Secure} flag
 * @param publicApiDocs whether {@code /v3/api-docs} and Swagger UI are open to anonymous callers
 */
@ConfigurationProperties("steward.security")
public record WebSecurityProperties(@DefaultValue List<String> trustedProxies,
		@DefaultValue("auto") SecureCookie secureCookie, @DefaultValue("false") boolean publicApiDocs) {

	public enum SecureCookie {

		/** When the request is HTTPS, or a trusted proxy says the client used HTTPS. */
		AUTO,

		ALWAYS,

		NEVER
	}
}

package dev.steward.security.internal;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when at least one {@code steward.security.oidc.providers.<key>} is set (in any relaxed form, e.g. an
 * environment variable). Without one the OIDC beans do not exist, so start-up loads none of the OAuth2 client.
 */
class OidcConfigured implements Condition {

	private static final ConfigurationPropertyName PROVIDERS = ConfigurationPropertyName
		.of("steward.security.oidc.providers");

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			if (source.containsDescendantOf(PROVIDERS) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}
}

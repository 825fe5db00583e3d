package dev.steward.connection.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.steward.shared.StewardProperties;

@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

	@Bean
	CredentialCipher credentialCipher(ConnectionProperties properties, StewardProperties steward) {
		return new CredentialCipher(CredentialCipher.loadOrCreateKey(properties.masterKey(), steward.dataDir()));
	}
}

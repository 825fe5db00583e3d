package dev.steward.connection.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

	@Bean
	CredentialCipher credentialCipher(ConnectionProperties properties, StewardProperties steward) {
		return new CredentialCipher(CredentialCipher.loadOrCreateKey(properties.masterKey(), steward.dataDir()));
	}

	/** The credential key file lives under {@code <data>/keys}. */
	@Bean
	OwnFiles credentialKeyFiles(StewardProperties steward) {
		return () -> List.of(steward.dataDir().resolve("keys"));
	}
}

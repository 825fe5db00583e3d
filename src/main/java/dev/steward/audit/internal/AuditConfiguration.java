package dev.steward.audit.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.steward.shared.StewardProperties;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditKey auditKey(AuditProperties properties, StewardProperties steward) {
		return AuditKey.loadOrCreate(properties.key(), steward.dataDir());
	}

	@Bean
	HeadAnchor auditHeadAnchor(AuditKey key, StewardProperties steward) {
		return new HeadAnchor(steward.dataDir().resolve("audit").resolve("head.log"), key);
	}
}

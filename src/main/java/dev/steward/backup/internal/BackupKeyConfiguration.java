package dev.steward.backup.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.steward.backup.BackupProperties;
import dev.steward.shared.StewardProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
class BackupKeyConfiguration {

	@Bean
	BackupKeys backupKeys(BackupProperties props, StewardProperties steward) {
		String secret = props.masterKey() != null ? props.masterKey() : System.getenv("STEWARD_BACKUP_KEY");
		String id = props.masterKeyId() != null ? props.masterKeyId() : System.getenv("STEWARD_BACKUP_KEY_ID");
		return new BackupKeys(steward.dataDir().resolve("keys"), secret, id);
	}
}

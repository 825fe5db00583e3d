package dev.steward.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every module may read.
 *
 * @param dataDir where Steward keeps its H2 store, key files, sample database and local artefacts
 */
@ConfigurationProperties("steward")
public record StewardProperties(Path dataDir) {

	public StewardProperties {
		dataDir = dataDir.toAbsolutePath().normalize();
	}
}

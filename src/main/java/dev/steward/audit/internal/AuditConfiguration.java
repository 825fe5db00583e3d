package dev.steward.audit.internal;

import java.nio.file.Path;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.steward.shared.OwnFiles;
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

	/**
	 * The archive directory must stand apart from the keys, the store and the backups: a segment lying with the key
	 * or in a backup directory pruned by retention would lose the property that makes it evidence.
	 */
	@Bean
	SegmentFiles auditSegmentFiles(AuditProperties properties, StewardProperties steward, List<OwnFiles> others) {
		Path dir = archiveDir(properties, steward);
		for (OwnFiles own : others) {
			for (Path path : own.paths()) {
				Path other = path.toAbsolutePath().normalize();
				if (!other.equals(dir) && (other.startsWith(dir) || dir.startsWith(other))) {
					throw new IllegalStateException("steward.audit.archive-dir " + dir + " overlaps " + other
							+ ", which Steward keeps for something else; choose a directory of its own");
				}
			}
		}
		return new SegmentFiles(dir);
	}

	static Path archiveDir(AuditProperties properties, StewardProperties steward) {
		Path dir = properties.archiveDir() == null ? steward.dataDir().resolve("audit-archive") : properties.archiveDir();
		return dir.toAbsolutePath().normalize();
	}
}

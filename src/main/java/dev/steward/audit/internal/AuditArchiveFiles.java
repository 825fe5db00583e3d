package dev.steward.audit.internal;

import java.nio.file.Path;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

/** The audit module's own files: the head anchor's directory and the archive; no user path may point into them. */
@Component
class AuditArchiveFiles implements OwnFiles {

	private final List<Path> paths;

	AuditArchiveFiles(AuditProperties properties, StewardProperties steward) {
		this.paths = List.of(steward.dataDir().resolve("audit"), AuditConfiguration.archiveDir(properties, steward));
	}

	@Override
	public List<Path> paths() {
		return paths;
	}
}

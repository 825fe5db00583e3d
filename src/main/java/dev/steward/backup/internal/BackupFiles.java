package dev.steward.backup.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

/** What the backup module keeps on disk: backup key files, the local backup directory and its work directory. */
@Component
class BackupFiles implements OwnFiles {

	private final List<Path> paths;

	BackupFiles(BackupStores stores, StewardProperties steward) {
		List<Path> all = new ArrayList<>();
		all.add(steward.dataDir().resolve("keys"));
		all.add(stores.workDir());
		stores.configured().values().stream().filter(LocalBackupStore.class::isInstance).map(s -> ((LocalBackupStore) s).root())
			.forEach(all::add);
		this.paths = List.copyOf(all);
	}

	@Override
	public List<Path> paths() {
		return paths;
	}
}

package dev.steward.shared;

import java.nio.file.Path;
import java.util.List;

/**
 * Files and directories on disk that are Steward's own (keys, the H2 store, backups). Each module declares its
 * own as a bean; a path a user chooses (a SQLite database) may never be, contain or lie inside one of them.
 */
public interface OwnFiles {

	/** What this module keeps on disk; paths need not exist yet. */
	List<Path> paths();
}

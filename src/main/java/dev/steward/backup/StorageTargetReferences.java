package dev.steward.backup;

import java.util.List;

/**
 * Implemented by modules that name storage targets (schedules): a target something still names cannot be deleted.
 */
public interface StorageTargetReferences {

	/** What names the target ({@code "schedule 'nightly'"}), empty when nothing does. */
	List<String> referencing(String targetKey);
}

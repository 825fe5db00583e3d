package dev.steward.engine;

import java.nio.file.Path;

/**
 * How to restore.
 *
 * @param clean   drop existing objects before recreating them ({@code --clean --if-exists})
 * @param jobs    parallel jobs where the engine supports them (PostgreSQL); 1 streams without staging
 * @param workDir a private directory for staging (parallel restore needs a seekable file)
 */
public record RestoreOptions(boolean clean, int jobs, Path workDir) {

	public RestoreOptions {
		if (jobs < 1 || jobs > 16) {
			throw new IllegalArgumentException("jobs must be between 1 and 16");
		}
	}
}

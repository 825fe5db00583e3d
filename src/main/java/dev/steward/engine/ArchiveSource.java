package dev.steward.engine;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * A dump that can be read more than once (verification reads it before a restore starts). Each
 * {@link #open()} gives a fresh stream of the plain dump bytes; reading throws if the stored bytes
 * turn out to be damaged.
 */
public interface ArchiveSource {

	InputStream open() throws IOException;

	/**
	 * Where the plain dump already lies on local disk as a working copy, if it does: a tool that needs random access
	 * (a parallel {@code pg_restore}) reads it there instead of staging its own copy, and may change it.
	 */
	default java.nio.file.@Nullable Path file() {
		return null;
	}

	/**
	 * A dump staged in a local working copy (already checked by whoever staged it) that the restore may change in
	 * place, e.g. to add a PostgreSQL archive's data offsets; never a stored backup.
	 */
	static ArchiveSource ofFile(java.nio.file.Path file) {
		return new ArchiveSource() {
			@Override
			public InputStream open() throws IOException {
				return java.nio.file.Files.newInputStream(file);
			}

			@Override
			public java.nio.file.Path file() {
				return file;
			}
		};
	}
}

package dev.steward.backup;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.DumpKind;

/**
 * What to back up and how; null fields take the defaults (full, zstd level 3, encrypted, local). {@code targets}:
 * the storage targets that each get a copy (ids or names); {@code storage}, one target, is the older spelling and
 * is used only when {@code targets} is empty. {@code database}: which database of the connection's server to back
 * up (engines whose dump can choose one); null for the connection's own.
 */
public record BackupRequest(UUID connectionId, @Nullable DumpKind kind, @Nullable Compression compression,
		@Nullable Integer compressionLevel, @Nullable Boolean encrypted, @Nullable String storage,
		@Nullable List<String> targets,
		@Nullable List<String> includeSchemas, @Nullable List<String> excludeSchemas,
		@Nullable List<String> includeTables, @Nullable List<String> excludeTables, @Nullable String database) {

	/** The request as it was before a database could be chosen: the connection's own database. */
	public BackupRequest(UUID connectionId, @Nullable DumpKind kind, @Nullable Compression compression,
			@Nullable Integer compressionLevel, @Nullable Boolean encrypted, @Nullable String storage,
			@Nullable List<String> targets, @Nullable List<String> includeSchemas, @Nullable List<String> excludeSchemas,
			@Nullable List<String> includeTables, @Nullable List<String> excludeTables) {
		this(connectionId, kind, compression, compressionLevel, encrypted, storage, targets, includeSchemas,
				excludeSchemas, includeTables, excludeTables, null);
	}
}

/**
 * Schema and data exports of a registered connection as background jobs: definitions through the engine's
 * {@link dev.steward.engine.SchemaExportCapability}, rows of chosen tables through the console's export writers, each
 * written to a file in Steward's export directory (temp name, fsync, rename), downloadable by whoever started it,
 * removed after the retention period; started, finished and downloaded exports are audited.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connection", "engine", "job", "masking", "query",
		"catalog", "security", "shared" })
package dev.steward.export;

import org.jspecify.annotations.NullMarked;

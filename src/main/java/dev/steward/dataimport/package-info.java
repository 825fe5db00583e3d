/**
 * Imports into a registered connection: a CSV file into an existing table, an SQL script into a database. Files are
 * uploaded first (streamed to a directory of Steward's own, size-limited, owned by the uploader, removed after the
 * import or an expiry), previewed, then imported by a background job, all or nothing where the engine allows it.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "catalog", "connection", "engine", "job",
		"security", "shared" })
package dev.steward.dataimport;

import org.jspecify.annotations.NullMarked;

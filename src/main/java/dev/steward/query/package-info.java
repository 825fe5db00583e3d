/**
 * The SQL console: statements and scripts run on a console session of their own per user, rows paged from an
 * open cursor, cancel at the server, the caller's history; every execution audited.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connection", "engine", "masking", "security", "shared" })
package dev.steward.query;

import org.jspecify.annotations.NullMarked;

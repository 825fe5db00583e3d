/**
 * The compliance report: automated checks over backups, the audit trail, target connections and accounts, each
 * PASS / WARN / FAIL / NOT_AVAILABLE with evidence and a fix hint; dated reports stored with the SHA-256 of their
 * content (recorded in the audit trail), viewable as HTML and downloadable as PDF. Reads other modules only
 * through their public APIs.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "backup", "connection", "engine",
		"schedule", "security", "shared" })
package dev.steward.compliance;

import org.jspecify.annotations.NullMarked;

/**
 * Long-running, observable, cancellable operations shared by every module: a typed job (kind, status, phase,
 * progress, typed failure), one executor with per-kind limits, a watchdog, leases for several instances on one
 * store, and the REST/SSE views under {@code /api/jobs}.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "security", "connection" })
package dev.steward.job;

import org.jspecify.annotations.NullMarked;

/**
 * Monitoring: per-connection health sampling through the engines' {@link dev.steward.engine.HealthSampling}, on an
 * interval, leased in the store so several instances never sample one connection twice; rates from counter deltas;
 * samples kept raw and rolled up to minutes and hours with retention; chart series, a live stream and Prometheus
 * export; alert rules evaluated on each sample as it arrives (and on backup and test-restore events), with
 * alerts pending, firing and resolved, told through the notify module's channels. Also sessions on the target
 * (list, cancel, end, close idle ones) and maintenance run as jobs.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "security", "connection",
		"engine", "notify", "backup", "job", "schedule" })
package dev.steward.monitor;

import org.jspecify.annotations.NullMarked;

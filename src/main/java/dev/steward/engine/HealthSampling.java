package dev.steward.engine;

import java.time.Duration;

/**
 * Cheap health sampling: a round trip and a few catalog/statistics reads, each under {@code statementTimeout},
 * on a connection borrowed from {@code pool} (the monitor bounds how many samples run at once). Never throws for
 * a failing target: an unreachable one is {@link HealthSample#unreachable}, a failing part is in
 * {@link HealthSample#errors()}.
 */
public interface HealthSampling extends EngineCapability {

	HealthSample sample(TargetPool pool, ConnectionSpec spec, Duration statementTimeout);
}

package dev.steward.engine;

/** The engine has no adapter for what was asked (e.g. a metrics sampler for SQLite). */
public class CapabilityUnsupported extends RuntimeException {

	public CapabilityUnsupported(EngineKind engine, Class<?> capability) {
		super(engine + " does not support " + capability.getSimpleName());
	}
}

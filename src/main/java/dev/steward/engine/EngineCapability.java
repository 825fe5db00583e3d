package dev.steward.engine;

/**
 * Something an engine can do. Each adapter package contributes one Spring bean per capability it offers
 * ({@link EngineAdapter} for connecting; later catalog introspection, dump, restore, metrics sampling), and
 * features find them through {@link Engines#capability(EngineKind, Class)} without ever naming a vendor.
 */
public interface EngineCapability {

	EngineKind engine();
}

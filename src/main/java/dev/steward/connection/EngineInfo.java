package dev.steward.connection;

import dev.steward.engine.EngineKind;

/** An engine Steward can connect to, for the connection form. {@code defaultPort} is 0 for SQLite. */
public record EngineInfo(EngineKind engine, String displayName, int defaultPort, String defaultColour) {
}

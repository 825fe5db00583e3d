package dev.steward.engine;

import org.jspecify.annotations.Nullable;

/**
 * How a console session is opened.
 *
 * @param database the database to connect to; null for the connection's own
 * @param readOnly whether the database must refuse writes in this session
 */
public record ConsoleOptions(@Nullable String database, boolean readOnly) {
}

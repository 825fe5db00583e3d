package dev.steward.query;

import org.jspecify.annotations.Nullable;

/**
 * What to explain: one statement; with {@code analyze} it runs (inside a transaction that is rolled back).
 */
public record ExplainRequest(@Nullable String sql, @Nullable String database, @Nullable Boolean analyze) {
}

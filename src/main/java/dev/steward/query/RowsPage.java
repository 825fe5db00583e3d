package dev.steward.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Rows {@code offset …} of a result.
 *
 * @param hasMore whether rows after these can still be fetched
 */
public record RowsPage(int result, long offset, List<List<@Nullable String>> rows, boolean hasMore) {
}

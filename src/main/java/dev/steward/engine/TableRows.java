package dev.steward.engine;

/**
 * Rows (documents) in one table (collection).
 *
 * @param name  qualified where the engine has schemas ({@code public.album})
 * @param exact true when counted, false when the engine's statistics estimate
 */
public record TableRows(String name, long rows, boolean exact) {
}

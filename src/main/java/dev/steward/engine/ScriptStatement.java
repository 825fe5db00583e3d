package dev.steward.engine;

/**
 * One statement of a script.
 *
 * @param sql    its text, without the terminating delimiter
 * @param offset where it starts in the script (0-based characters), so positions in errors map back
 */
public record ScriptStatement(String sql, int offset) {
}

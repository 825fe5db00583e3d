package dev.steward.masking;

/**
 * A column the PII finder thinks holds personal data; a suggestion only, nothing is masked until an ADMIN creates
 * a policy from it.
 *
 * @param byName   the column's name says so (e.g. {@code email}, {@code phone})
 * @param matched  sampled non-null values that passed the kind's check
 * @param sampled  non-null values sampled
 */
public record PiiSuggestion(String database, String schema, String table, String column, String type,
		PiiKind kind, boolean byName, int matched, int sampled, MaskKind suggestedMask, int keepFirst,
		int keepLast) {
}

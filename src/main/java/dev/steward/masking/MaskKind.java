package dev.steward.masking;

/** How a masked value is shown. */
public enum MaskKind {
	/** {@code ****} whatever the value. */
	REDACT,
	/** The first and last characters kept, the rest starred. */
	PARTIAL,
	/** A stable hash of the value, salted per policy: equal values stay equal, joins still line up. */
	HASH,
	/** SQL NULL. */
	NULL,
	/** An e-mail address keeps its first letter and its domain: {@code j***@example.com}. */
	EMAIL
}

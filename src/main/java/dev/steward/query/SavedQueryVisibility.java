package dev.steward.query;

/** Who sees a saved query: its owner only, or everyone who may see its connection (read-only for them). */
public enum SavedQueryVisibility {
	PRIVATE, SHARED
}

package dev.steward.compliance;

/** A check's verdict. NOT_AVAILABLE: the feature the check needs does not exist (yet) — never counted as a pass. */
public enum CheckStatus {
	PASS, WARN, FAIL, NOT_AVAILABLE
}

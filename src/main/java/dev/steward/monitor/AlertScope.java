package dev.steward.monitor;

/** Which connections a rule watches: all, one connection (by id), or those carrying a tag. */
public enum AlertScope {
	ALL, CONNECTION, TAG
}

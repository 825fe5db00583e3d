package dev.steward.monitor;

/**
 * Which subjects a rule watches: all, one connection (by id), those carrying a tag, or one storage target (by its
 * key; only for the storage-target checks, which otherwise take ALL).
 */
public enum AlertScope {
	ALL, CONNECTION, TAG, TARGET
}

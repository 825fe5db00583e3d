package dev.steward.backup;

/** Where a storage target keeps artefacts. */
public enum StorageTargetKind {
	LOCAL, S3
}

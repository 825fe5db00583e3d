package dev.steward.backup.internal;

/** A master backup secret and its id; per-backup keys are derived from it with a random salt. */
public record BackupKey(String id, byte[] secret) {

	public BackupKey {
		if (secret.length < 32) {
			throw new IllegalArgumentException("a backup master secret has at least 32 bytes");
		}
		secret = secret.clone();
	}

	@Override
	public byte[] secret() {
		return secret.clone();
	}

	@Override
	public String toString() {
		return "BackupKey[" + id + "]";
	}
}

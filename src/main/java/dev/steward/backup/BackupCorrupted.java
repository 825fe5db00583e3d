package dev.steward.backup;

import java.io.IOException;

/** The stored bytes are not what was written: damaged, truncated, reordered or tampered with. */
public class BackupCorrupted extends IOException {

	public BackupCorrupted(String message) {
		super(message);
	}
}

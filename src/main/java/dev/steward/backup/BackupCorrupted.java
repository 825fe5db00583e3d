package dev.steward.backup;

import java.io.IOException;

import dev.steward.job.ReasonCode;
import dev.steward.job.ReasonCoded;

/**
 * The stored bytes are not what was written: altered ({@link ReasonCode#CHECKSUM_MISMATCH}: the SHA-256 or an
 * encrypted chunk's authentication tag does not match) or damaged ({@link ReasonCode#DAMAGED}: truncated,
 * undecodable).
 */
public class BackupCorrupted extends IOException implements ReasonCoded {

	private final ReasonCode reason;

	public BackupCorrupted(String message) {
		this(ReasonCode.DAMAGED, message);
	}

	public BackupCorrupted(ReasonCode reason, String message) {
		super(message);
		this.reason = reason;
	}

	@Override
	public ReasonCode reasonCode() {
		return reason;
	}
}

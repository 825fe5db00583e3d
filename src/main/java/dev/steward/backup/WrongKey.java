package dev.steward.backup;

import java.io.IOException;

import dev.steward.job.ReasonCode;
import dev.steward.job.ReasonCoded;

/** The backup cannot be decrypted with the key Steward holds under its key id (or holds no such key). */
public class WrongKey extends IOException implements ReasonCoded {

	public WrongKey(String message) {
		super(message);
	}

	@Override
	public ReasonCode reasonCode() {
		return ReasonCode.WRONG_KEY;
	}
}

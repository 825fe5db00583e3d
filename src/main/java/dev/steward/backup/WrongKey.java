package dev.steward.backup;

import java.io.IOException;

/** The backup cannot be decrypted with the key Steward holds under its key id (or holds no such key). */
public class WrongKey extends IOException {

	public WrongKey(String message) {
		super(message);
	}
}

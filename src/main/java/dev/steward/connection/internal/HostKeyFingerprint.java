package dev.steward.connection.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.regex.Pattern;

import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An SSH host key's fingerprint as OpenSSH prints it ({@code ssh-keygen -l}): {@code SHA256:} and the unpadded
 * base64 of the SHA-256 of the key's wire encoding.
 */
public record HostKeyFingerprint(String value) {

	private static final Pattern FORMAT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

	public HostKeyFingerprint {
		if (!FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("Not an SSH SHA256 fingerprint");
		}
	}

	public static HostKeyFingerprint of(PublicKey key) {
		ByteArrayBuffer buffer = new ByteArrayBuffer();
		buffer.putRawPublicKey(key);
		return ofWireEncoding(buffer.getCompactData());
	}

	static HostKeyFingerprint ofWireEncoding(byte[] encoded) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded);
			return new HostKeyFingerprint("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("SHA-256 is unavailable", e);
		}
	}

	public static boolean isValid(String value) {
		return FORMAT.matcher(value).matches();
	}

	@Override
	public String toString() {
		return value;
	}
}

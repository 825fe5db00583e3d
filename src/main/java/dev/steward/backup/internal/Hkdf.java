package dev.steward.backup.internal;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869), extract then expand. */
final class Hkdf {

	private Hkdf() {
	}

	static byte[] sha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
			byte[] prk = mac.doFinal(inputKey);
			mac.init(new SecretKeySpec(prk, "HmacSHA256"));
			byte[] out = new byte[length];
			byte[] t = new byte[0];
			int done = 0;
			for (int i = 1; done < length; i++) {
				mac.update(t);
				mac.update(info);
				mac.update((byte) i);
				t = mac.doFinal();
				int n = Math.min(t.length, length - done);
				System.arraycopy(t, 0, out, done, n);
				done += n;
			}
			return out;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}
}

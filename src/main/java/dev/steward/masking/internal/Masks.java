package dev.steward.masking.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.steward.masking.MaskKind;

/** The masks themselves: pure functions of a value (and a policy's salt). */
public final class Masks {

	public static final String REDACTED = "****";

	private Masks() {
	}

	public static @Nullable String apply(MaskKind kind, @Nullable String value, int keepFirst, int keepLast,
			String salt) {
		if (value == null) {
			return null;
		}
		return switch (kind) {
			case REDACT -> REDACTED;
			case NULL -> null;
			case PARTIAL -> partial(value, keepFirst, keepLast);
			case HASH -> hash(value, salt);
			case EMAIL -> email(value);
		};
	}

	static String partial(String value, int first, int last) {
		int[] cps = value.codePoints().toArray();
		if (cps.length <= first + last) {
			return "*".repeat(Math.max(4, cps.length));
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < cps.length; i++) {
			if (i < first || i >= cps.length - last) {
				out.appendCodePoint(cps[i]);
			}
			else {
				out.append('*');
			}
		}
		return out.toString();
	}

	/** HMAC-SHA256 under the policy's salt, the first 16 hex digits: stable, not reversible by a dictionary. */
	static String hash(String value, String salt) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
			return "h:" + HexFormat.of().formatHex(h, 0, 8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** {@code john@example.com} → {@code j***@example.com}; anything without a domain is redacted. */
	static String email(String value) {
		int at = value.lastIndexOf('@');
		if (at < 1 || at == value.length() - 1) {
			return REDACTED;
		}
		return value.substring(0, value.offsetByCodePoints(0, 1)) + "***" + value.substring(at);
	}
}

package dev.steward.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The hash chain's arithmetic. A record's hash is a digest (lower-case hex) of a canonical string of its fields
 * and the previous record's hash: HMAC-SHA256 under the audit key for {@link #KEYED} records, plain SHA-256 for
 * the {@link #LEGACY} records written before the chain was keyed (anyone with write access to the store could
 * recompute those, so they are only protected by the first keyed record that links to them). Each field is written as {@code <length>:<value>} (length in UTF-16
 * code units) or {@code -} for null, and fields are joined with {@code |}; the length prefix makes the string
 * unambiguous whatever characters the values contain, and {@code -} cannot be mistaken for any present value.
 */
final class AuditHash {

	/** The previous hash of the first record. */
	static final String GENESIS = "0".repeat(64);

	/** Chain version of records hashed with plain SHA-256 (before V64). */
	static final int LEGACY = 1;

	/** Chain version of records sealed with HMAC-SHA256 under the audit key. */
	static final int KEYED = 2;

	private static final String VERSION = "steward-audit-v1";

	private static final String KEYED_VERSION = "steward-audit-v2";

	private AuditHash() {
	}

	static String canonical(long seq, Instant occurredAt, String actor, @Nullable String sourceIp, String action,
			String targetType, @Nullable String targetId, String outcome, @Nullable String detail, String prevHash) {
		return canonical(VERSION, seq, occurredAt, actor, sourceIp, action, targetType, targetId, outcome, detail,
				prevHash);
	}

	private static String canonical(String version, long seq, Instant occurredAt, String actor,
			@Nullable String sourceIp, String action, String targetType, @Nullable String targetId, String outcome,
			@Nullable String detail, String prevHash) {
		StringBuilder b = new StringBuilder(256).append(version);
		field(b, Long.toString(seq));
		field(b, Long.toString(epochMicros(occurredAt)));
		field(b, actor);
		field(b, sourceIp);
		field(b, action);
		field(b, targetType);
		field(b, targetId);
		field(b, outcome);
		field(b, detail);
		field(b, prevHash);
		return b.toString();
	}

	static String hash(long seq, Instant occurredAt, String actor, @Nullable String sourceIp, String action,
			String targetType, @Nullable String targetId, String outcome, @Nullable String detail, String prevHash) {
		return sha256(canonical(seq, occurredAt, actor, sourceIp, action, targetType, targetId, outcome, detail,
				prevHash));
	}

	/** The keyed hash of a record: HMAC-SHA256 under the audit key of the v2 canonical string. */
	static String keyedHash(AuditKey key, long seq, Instant occurredAt, String actor, @Nullable String sourceIp,
			String action, String targetType, @Nullable String targetId, String outcome, @Nullable String detail,
			String prevHash) {
		return key.hmacHex(canonical(KEYED_VERSION, seq, occurredAt, actor, sourceIp, action, targetType, targetId,
				outcome, detail, prevHash));
	}

	static long epochMicros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JRE", e);
		}
	}

	private static void field(StringBuilder b, @Nullable String value) {
		b.append('|');
		if (value == null) {
			b.append('-');
		}
		else {
			b.append(value.length()).append(':').append(value);
		}
	}
}

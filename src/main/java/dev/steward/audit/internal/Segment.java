package dev.steward.audit.internal;

import java.time.Instant;

/**
 * One sealed archive segment as the store records it: records {@code firstSeq..lastSeq}, the hash of the last (the
 * live chain's first record links to it), the file holding them and the SHA-256 of its record lines. {@code seal}
 * is an HMAC under the audit key over all of that, so a segment row cannot be invented or altered in the store.
 */
record Segment(long firstSeq, long lastSeq, String lastHash, long rows, String fileName, String contentSha256,
		Instant sealedAt, String seal) {

	private static final String LABEL = "steward-audit-segment-v1";

	static String seal(AuditKey key, long firstSeq, long lastSeq, String lastHash, long rows, String fileName,
			String contentSha256) {
		return key.hmacHex(LABEL + "|" + firstSeq + "|" + lastSeq + "|" + lastHash + "|" + rows + "|" + fileName + "|"
				+ contentSha256);
	}

	boolean authentic(AuditKey key) {
		return AuditKey.same(seal(key, firstSeq, lastSeq, lastHash, rows, fileName, contentSha256), seal);
	}

	static String fileName(long firstSeq, long lastSeq) {
		return String.format("audit-%019d-%019d.jsonl", firstSeq, lastSeq);
	}
}

package dev.steward.audit.internal;

import org.jspecify.annotations.Nullable;

import dev.steward.audit.internal.AuditLog.AuditRecord;
import dev.steward.audit.internal.AuditLog.Verification;

/**
 * Walks the chain record by record, in sequence order, across sealed archive segments and the live table alike:
 * each record must follow its predecessor's number, link to its hash, be sealed with the key where it must be,
 * reproduce its own hash, and match the anchored head where the anchor names it.
 */
final class ChainWalk {

	private final AuditKey key;

	private final long keyedFrom;

	private final @Nullable String chainKeyId;

	private final HeadAnchor.@Nullable Anchor mark;

	private final String anchorName;

	long lastSeq;

	String prevHash = AuditHash.GENESIS;

	long checked;

	ChainWalk(AuditKey key, long keyedFrom, @Nullable String chainKeyId, HeadAnchor.@Nullable Anchor mark,
			String anchorName) {
		this.key = key;
		this.keyedFrom = keyedFrom;
		this.chainKeyId = chainKeyId;
		this.mark = mark;
		this.anchorName = anchorName;
	}

	/** Continues from a point vouched for otherwise (a sealed segment whose file this instance does not hold). */
	void resumeAt(long seq, String hash) {
		lastSeq = seq;
		prevHash = hash;
	}

	/** Checks the next record; null when it holds, else what breaks (where says which part of the chain it is in). */
	@Nullable Verification step(AuditRecord row, String where) {
		if (row.seq() != lastSeq + 1) {
			return Verification.broken(checked, lastSeq + 1, "seq gap" + where + ": record " + (lastSeq + 1)
					+ " is missing (the next one is " + row.seq() + ")");
		}
		if (!row.prevHash().equals(prevHash)) {
			return Verification.broken(checked, row.seq(),
					"prev_hash link broken" + where + ": it does not match the hash of record " + lastSeq);
		}
		if (row.chainVersion() == AuditHash.LEGACY && row.seq() >= keyedFrom) {
			return Verification.broken(checked, row.seq(), "unkeyed record" + where + ": records from " + keyedFrom
					+ " on must be sealed with the audit key, this one carries a plain SHA-256 hash");
		}
		if (row.chainVersion() != AuditHash.LEGACY && row.chainVersion() != AuditHash.KEYED) {
			return Verification.broken(checked, row.seq(), "unknown chain version " + row.chainVersion() + where);
		}
		if (!AuditKey.same(row.recomputedHash(key), row.hash())) {
			String otherKey = row.chainVersion() == AuditHash.KEYED && chainKeyId != null && !key.id().equals(chainKeyId)
					? " (the chain was sealed under audit key " + chainKeyId + ", this instance holds " + key.id() + ")"
					: "";
			return Verification.broken(checked, row.seq(),
					"hash mismatch" + where + ": the record's fields do not produce its stored hash" + otherKey);
		}
		if (mark != null && row.seq() == mark.seq() && !AuditKey.same(row.hash(), mark.hash())) {
			return Verification.broken(checked, row.seq(),
					"anchor mismatch" + where + ": the record differs from the one anchored in " + anchorName);
		}
		lastSeq = row.seq();
		prevHash = row.hash();
		checked++;
		return null;
	}
}

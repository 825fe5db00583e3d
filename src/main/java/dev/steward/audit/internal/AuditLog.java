package dev.steward.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.PageResult;

/**
 * The append-only, hash-chained {@code audit_log}. There is deliberately no update or delete: records can only be
 * appended, read and verified.
 * <p>
 * Each record is sealed with HMAC-SHA256 under the {@link AuditKey}, which is kept outside the store, and every
 * committed head is anchored outside the store too ({@link HeadAnchor}): whoever can write the store but not the
 * data directory can neither recompute the chain after editing a record nor delete the newest records and rewind
 * the head unnoticed. Records written before V64 keep their plain SHA-256 hashes ({@code chain_version} 1): they
 * are not re-sealed, because sealing them now would vouch for whatever they hold today; instead the first keyed
 * record links to the last of them, so from the upgrade on they cannot be changed without breaking that link.
 */
@Service
public class AuditLog {

	public record AuditRecord(long seq, Instant occurredAt, String actor, @Nullable String sourceIp, String action,
			String targetType, @Nullable String targetId, Outcome outcome, @Nullable String detail, String prevHash,
			String hash, int chainVersion) {

		String recomputedHash(AuditKey key) {
			return chainVersion == AuditHash.KEYED
					? AuditHash.keyedHash(key, seq, occurredAt, actor, sourceIp, action, targetType, targetId,
							outcome.name(), detail, prevHash)
					: AuditHash.hash(seq, occurredAt, actor, sourceIp, action, targetType, targetId, outcome.name(),
							detail, prevHash);
		}
	}

	/**
	 * Filters for {@link #find}; null means any. {@code onlyActor} is the restriction for non-administrators and
	 * is combined with {@code actor}, never replaced by it. {@code from} and {@code to} are both inclusive.
	 */
	public record AuditQuery(@Nullable String actor, @Nullable String onlyActor, @Nullable String action,
			@Nullable String targetType, @Nullable String targetId, @Nullable Outcome outcome, @Nullable Instant from,
			@Nullable Instant to) {
	}

	/**
	 * What verify found. {@code checked} counts records re-computed or vouched for by a sealed segment;
	 * {@code segmentsNotHeld} counts sealed segments whose files are on another instance (taken at their sealed
	 * last hash, since the seal proves the store did not invent them).
	 */
	public record Verification(boolean intact, long checked, @Nullable Long brokenAtSeq, @Nullable String reason,
			int segmentsNotHeld) {

		static Verification broken(long checked, long seq, String reason) {
			return new Verification(false, checked, seq, reason, 0);
		}

		Verification notHeld(int count) {
			return new Verification(intact, checked, brokenAtSeq, reason, count);
		}
	}

	/** Rows per page when verifying: memory stays bounded however long the chain is. */
	static final int VERIFY_PAGE = 500;

	private static final String COLUMNS = "seq, occurred_at, actor, source_ip, action, target_type, target_id, "
			+ "outcome, detail, prev_hash, hash, chain_version";

	private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

	private final JdbcClient jdbc;

	private final AuditKey key;

	private final HeadAnchor anchor;

	/** The first record sealed with the key; read lazily, once the store has been migrated. */
	private volatile @Nullable Long keyedFrom;

	/** The fingerprint of the key the chain was first sealed with, as recorded in the store. */
	private volatile @Nullable String chainKeyId;

	private final SegmentRecords segments;

	private final SegmentFiles archive;

	AuditLog(JdbcClient jdbc, AuditKey key, HeadAnchor anchor, SegmentRecords segments, SegmentFiles archive) {
		this.jdbc = jdbc;
		this.key = key;
		this.anchor = anchor;
		this.segments = segments;
		this.archive = archive;
	}

	/**
	 * Where keyed records begin: from the anchor file when this instance has one (the store cannot move it), else
	 * the store's first keyed record, else the next record. Also records the key's fingerprint on first use and
	 * warns when the chain was sealed under another key (instances sharing a store must share the audit key).
	 */
	long keyedFrom() {
		Long known = keyedFrom;
		if (known != null) {
			return known;
		}
		synchronized (this) {
			if (keyedFrom == null) {
				HeadAnchor.Anchor latest = anchor.read().latest();
				Long first = latest != null ? Long.valueOf(latest.keyedFrom())
						: jdbc.sql("SELECT MIN(seq) FROM audit_log WHERE chain_version = ?").param(AuditHash.KEYED)
							.query(Long.class).optional().orElse(null);
				if (first == null) {
					first = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).single() + 1;
				}
				jdbc.sql("UPDATE audit_chain_head SET key_id = ? WHERE id = 1 AND key_id IS NULL").param(key.id()).update();
				String recorded = jdbc.sql("SELECT key_id FROM audit_chain_head WHERE id = 1").query(String.class).single();
				if (!key.id().equals(recorded)) {
					logger.error("The audit chain was sealed under audit key {} but this instance holds key {}: its "
							+ "records will not verify elsewhere. Give every instance the same STEWARD_AUDIT_KEY "
							+ "(or copy keys/audit.key).", recorded, key.id());
				}
				chainKeyId = recorded;
				keyedFrom = first;
			}
			return keyedFrom;
		}
	}

	/**
	 * Appends one record. The chain head row is locked for the rest of the transaction, so concurrent appenders
	 * (threads or Steward instances sharing a store) take their turns and the sequence has no gaps.
	 */
	@Transactional
	public AuditRecord append(AuditEntry entry) {
		long keyedFrom = keyedFrom();
		Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		long seq = head.lastSeq() + 1;
		String actor = Columns.fit(entry.actor().username(), 64);
		String sourceIp = Columns.fitNullable(entry.actor().sourceIp(), 64);
		String action = Columns.fit(entry.action(), 64);
		String targetType = Columns.fit(entry.targetType(), 32);
		String targetId = Columns.fitNullable(entry.targetId(), 64);
		String detail = Columns.fitText(entry.detail(), 500);
		Instant at = entry.occurredAt();
		String hash = AuditHash.keyedHash(key, seq, at, actor, sourceIp, action, targetType, targetId,
				entry.outcome().name(), detail, head.lastHash());
		jdbc.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(seq, at.atOffset(ZoneOffset.UTC), actor, sourceIp, action, targetType, targetId,
					entry.outcome().name(), detail, head.lastHash(), hash, AuditHash.KEYED)
			.update();
		jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, hash).update();
		anchorAfterCommit(seq, hash, keyedFrom);
		return new AuditRecord(seq, at, actor, sourceIp, action, targetType, targetId, entry.outcome(), detail,
				head.lastHash(), hash, AuditHash.KEYED);
	}

	/** The anchor may only ever name committed records, or a rolled-back append would look like a truncation. */
	private void anchorAfterCommit(long seq, String hash, long keyedFrom) {
		Runnable write = () -> {
			try {
				anchor.append(seq, hash, keyedFrom);
			}
			catch (RuntimeException e) {
				// the record is committed; a missing anchor only narrows what verify can prove
				logger.error("Could not anchor audit record {} in {}", seq, anchor.file(), e);
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					write.run();
				}
			});
		}
		else {
			write.run();
		}
	}

	/** Newest first; paging happens in SQL. */
	public PageResult<AuditRecord> find(AuditQuery query, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		condition(where, params, "actor = ?", query.actor());
		condition(where, params, "actor = ?", query.onlyActor());
		condition(where, params, "action = ?", query.action());
		condition(where, params, "target_type = ?", query.targetType());
		condition(where, params, "target_id = ?", query.targetId());
		condition(where, params, "outcome = ?", query.outcome() == null ? null : query.outcome().name());
		condition(where, params, "occurred_at >= ?",
				query.from() == null ? null : query.from().atOffset(ZoneOffset.UTC));
		condition(where, params, "occurred_at <= ?", query.to() == null ? null : query.to().atOffset(ZoneOffset.UTC));
		long total = jdbc.sql("SELECT COUNT(*) FROM audit_log" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<AuditRecord> items = jdbc
			.sql("SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query(AuditLog::map)
			.list();
		return PageResult.of(items, page, size, total);
	}

	/** The live records {@code from..to} (inclusive) in sequence order; callers bound the range. */
	List<AuditRecord> range(long from, long to) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq")
			.params(from, to)
			.query(AuditLog::map)
			.list();
	}

	/**
	 * Hands every live record that occurred in {@code [from, to]} to the consumer, oldest first, a page at a time,
	 * so an export streams however many records the range holds without keeping them in memory.
	 */
	public void forEachBetween(Instant from, Instant to, java.util.function.Consumer<AuditRecord> consumer) {
		long after = 0;
		while (true) {
			List<AuditRecord> rows = jdbc.sql("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? AND occurred_at >= ? "
					+ "AND occurred_at <= ? ORDER BY seq LIMIT ?")
				.params(after, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), VERIFY_PAGE)
				.query(AuditLog::map)
				.list();
			rows.forEach(consumer);
			if (rows.size() < VERIFY_PAGE) {
				return;
			}
			after = rows.getLast().seq();
		}
	}

	/** The newest successful occurrence of an action per actor, among the live records. */
	public java.util.Map<String, Instant> lastSuccessByActor(String action) {
		java.util.Map<String, Instant> last = new java.util.HashMap<>();
		jdbc.sql("SELECT actor, MAX(occurred_at) AS at FROM audit_log WHERE action = ? AND outcome = ? GROUP BY actor")
			.params(action, Outcome.SUCCESS.name())
			.query((rs, n) -> java.util.Map.entry(rs.getString("actor"), rs.getObject("at", OffsetDateTime.class).toInstant()))
			.list()
			.forEach(e -> last.put(e.getKey(), e.getValue()));
		return last;
	}

	/** Distinct action names that occur in the log, for filter drop-downs. */
	public List<String> actions() {
		return jdbc.sql("SELECT DISTINCT action FROM audit_log ORDER BY action").query(String.class).list();
	}

	/**
	 * Re-computes the chain from the first record up to the chain head as it is now, page by page, and reports
	 * the first record that breaks it: a missing sequence number, a prev_hash that does not link to its
	 * predecessor's hash, a hash (HMAC) that does not match the record's fields, an unkeyed record where only
	 * keyed ones may be, a record that differs from this instance's anchor, or a chain that ends before the
	 * anchored head (newest records deleted and the head rewound).
	 */
	public Verification verify() {
		return verify(VERIFY_PAGE);
	}

	Verification verify(int pageSize) {
		long sealedBefore = segments.newestLastSeq();
		Verification result = verifyOnce(pageSize);
		// a seal committed while this walk ran moves records from the table into a segment; walk again once
		return !result.intact() && segments.newestLastSeq() != sealedBefore ? verifyOnce(pageSize) : result;
	}

	private Verification verifyOnce(int pageSize) {
		long keyedFrom = keyedFrom();
		HeadAnchor.Reading anchored = anchor.read();
		if (anchored.forgedLine() != null) {
			return new Verification(false, 0, null, "anchor forged: a line of " + anchor.file().getFileName()
					+ " is not sealed with the audit key", 0);
		}
		if (anchored.rewrittenSeq() != null) {
			return new Verification(false, 0, anchored.rewrittenSeq(), "anchor conflict: record "
					+ anchored.rewrittenSeq() + " was anchored twice with different hashes; the chain was rewound and "
					+ "written again", 0);
		}
		HeadAnchor.Anchor mark = anchored.latest();
		Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		ChainWalk walk = new ChainWalk(key, keyedFrom, chainKeyId, mark, anchor.file().getFileName().toString());
		ArchiveWalk archived = walkArchive(walk, mark);
		if (archived.broken() != null) {
			return archived.broken();
		}
		while (true) {
			List<AuditRecord> rows = jdbc
				.sql("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
				.params(walk.lastSeq, head.lastSeq(), pageSize)
				.query(AuditLog::map)
				.list();
			for (AuditRecord row : rows) {
				Verification broken = walk.step(row, "");
				if (broken != null) {
					return broken.notHeld(archived.notHeld());
				}
			}
			if (rows.size() < pageSize) {
				break;
			}
		}
		long lastSeq = walk.lastSeq;
		long checked = walk.checked;
		if (lastSeq < head.lastSeq()) {
			return Verification.broken(checked, lastSeq + 1,
					"seq gap: records " + (lastSeq + 1) + " to " + head.lastSeq() + " are missing");
		}
		if (mark != null && head.lastSeq() < mark.seq()) {
			return Verification.broken(checked, head.lastSeq() + 1, "truncated: the chain ends at record "
					+ head.lastSeq() + " but record " + mark.seq() + " was anchored in "
					+ anchor.file().getFileName() + "; records " + (head.lastSeq() + 1) + " to " + mark.seq()
					+ " were deleted and the head rewound");
		}
		if (!walk.prevHash.equals(head.lastHash())) {
			return Verification.broken(checked, lastSeq, "hash mismatch: the chain head does not match the last record");
		}
		return new Verification(true, checked, null, null, archived.notHeld());
	}

	private record ArchiveWalk(@Nullable Verification broken, int notHeld) {
	}

	/**
	 * The sealed segments, oldest first: each must be sealed with the key and follow on from the one before; the
	 * files this instance holds are re-read record by record, the others are taken at their sealed last hash.
	 */
	private ArchiveWalk walkArchive(ChainWalk walk, HeadAnchor.@Nullable Anchor mark) {
		int notHeld = 0;
		for (Segment segment : segments.all()) {
			if (!segment.authentic(key)) {
				return new ArchiveWalk(Verification.broken(walk.checked, segment.firstSeq(), "archive segment forged: "
						+ "the store's record of segment " + segment.fileName() + " is not sealed with the audit key"), 0);
			}
			if (segment.firstSeq() != walk.lastSeq + 1) {
				return new ArchiveWalk(Verification.broken(walk.checked, walk.lastSeq + 1, "seq gap: the archive "
						+ "segment holding record " + (walk.lastSeq + 1) + " is missing (the next one starts at "
						+ segment.firstSeq() + ")"), 0);
			}
			if (archive.holds(segment)) {
				Verification broken = archive.check(segment, walk);
				if (broken != null) {
					return new ArchiveWalk(broken, 0);
				}
			}
			else {
				notHeld++;
				walk.resumeAt(segment.lastSeq(), segment.lastHash());
				walk.checked += segment.rows();
			}
			if (mark != null && mark.seq() == segment.lastSeq() && !AuditKey.same(mark.hash(), segment.lastHash())) {
				return new ArchiveWalk(Verification.broken(walk.checked, mark.seq(), "anchor mismatch: the last "
						+ "record of archive segment " + segment.fileName() + " differs from the one anchored"), 0);
			}
		}
		return new ArchiveWalk(null, notHeld);
	}

	private static void condition(StringBuilder where, List<Object> params, String sql, @Nullable Object value) {
		if (value != null) {
			where.append(" AND ").append(sql);
			params.add(value);
		}
	}

	private static AuditRecord map(ResultSet rs, int row) throws SQLException {
		return new AuditRecord(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("source_ip"), rs.getString("action"), rs.getString("target_type"),
				rs.getString("target_id"), Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"),
				rs.getString("prev_hash"), rs.getString("hash"), rs.getInt("chain_version"));
	}

	private record Head(long lastSeq, String lastHash) {
	}
}

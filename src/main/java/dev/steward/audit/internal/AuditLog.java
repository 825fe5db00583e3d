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

	public record Verification(boolean intact, long checked, @Nullable Long brokenAtSeq, @Nullable String reason) {

		static Verification broken(long checked, long seq, String reason) {
			return new Verification(false, checked, seq, reason);
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

	AuditLog(JdbcClient jdbc, AuditKey key, HeadAnchor anchor) {
		this.jdbc = jdbc;
		this.key = key;
		this.anchor = anchor;
	}

	/**
	 * Where keyed records begin: from the anchor file when this instance has one (the store cannot move it), else
	 * the store's first keyed record, else the next record. Also records the key's fingerprint on first use and
	 * warns when the chain was sealed under another key (instances sharing a store must share the audit key).
	 */
	private long keyedFrom() {
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
		long keyedFrom = keyedFrom();
		HeadAnchor.Reading anchored = anchor.read();
		if (anchored.forgedLine() != null) {
			return new Verification(false, 0, null, "anchor forged: a line of " + anchor.file().getFileName()
					+ " is not sealed with the audit key");
		}
		if (anchored.rewrittenSeq() != null) {
			return new Verification(false, 0, anchored.rewrittenSeq(), "anchor conflict: record "
					+ anchored.rewrittenSeq() + " was anchored twice with different hashes; the chain was rewound and "
					+ "written again");
		}
		HeadAnchor.Anchor mark = anchored.latest();
		Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		long lastSeq = 0;
		String prevHash = AuditHash.GENESIS;
		long checked = 0;
		while (true) {
			List<AuditRecord> rows = jdbc
				.sql("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
				.params(lastSeq, head.lastSeq(), pageSize)
				.query(AuditLog::map)
				.list();
			for (AuditRecord row : rows) {
				if (row.seq() != lastSeq + 1) {
					return Verification.broken(checked, lastSeq + 1,
							"seq gap: record " + (lastSeq + 1) + " is missing (the next one is " + row.seq() + ")");
				}
				if (!row.prevHash().equals(prevHash)) {
					return Verification.broken(checked, row.seq(),
							"prev_hash link broken: it does not match the hash of record " + lastSeq);
				}
				if (row.chainVersion() == AuditHash.LEGACY && row.seq() >= keyedFrom) {
					return Verification.broken(checked, row.seq(), "unkeyed record: records from " + keyedFrom
							+ " on must be sealed with the audit key, this one carries a plain SHA-256 hash");
				}
				if (row.chainVersion() != AuditHash.LEGACY && row.chainVersion() != AuditHash.KEYED) {
					return Verification.broken(checked, row.seq(), "unknown chain version " + row.chainVersion());
				}
				if (!AuditKey.same(row.recomputedHash(key), row.hash())) {
					String otherKey = row.chainVersion() == AuditHash.KEYED && chainKeyId != null
							&& !key.id().equals(chainKeyId)
									? " (the chain was sealed under audit key " + chainKeyId + ", this instance holds "
											+ key.id() + ")"
									: "";
					return Verification.broken(checked, row.seq(),
							"hash mismatch: the record's fields do not produce its stored hash" + otherKey);
				}
				if (mark != null && row.seq() == mark.seq() && !AuditKey.same(row.hash(), mark.hash())) {
					return Verification.broken(checked, row.seq(),
							"anchor mismatch: the record differs from the one anchored in " + anchor.file().getFileName());
				}
				lastSeq = row.seq();
				prevHash = row.hash();
				checked++;
			}
			if (rows.size() < pageSize) {
				break;
			}
		}
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
		if (!prevHash.equals(head.lastHash())) {
			return Verification.broken(checked, lastSeq, "hash mismatch: the chain head does not match the last record");
		}
		return new Verification(true, checked, null, null);
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

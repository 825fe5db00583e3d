package dev.steward.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.PageResult;

/**
 * The append-only, hash-chained {@code audit_log}. There is deliberately no update or delete: records can only be
 * appended, read and verified.
 */
@Service
public class AuditLog {

	public record AuditRecord(long seq, Instant occurredAt, String actor, @Nullable String sourceIp, String action,
			String targetType, @Nullable String targetId, Outcome outcome, @Nullable String detail, String prevHash,
			String hash) {

		String recomputedHash() {
			return AuditHash.hash(seq, occurredAt, actor, sourceIp, action, targetType, targetId, outcome.name(),
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
			+ "outcome, detail, prev_hash, hash";

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends one record. The chain head row is locked for the rest of the transaction, so concurrent appenders
	 * (threads or Steward instances sharing a store) take their turns and the sequence has no gaps.
	 */
	@Transactional
	public AuditRecord append(AuditEntry entry) {
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
		String hash = AuditHash.hash(seq, at, actor, sourceIp, action, targetType, targetId, entry.outcome().name(),
				detail, head.lastHash());
		jdbc.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(seq, at.atOffset(ZoneOffset.UTC), actor, sourceIp, action, targetType, targetId,
					entry.outcome().name(), detail, head.lastHash(), hash)
			.update();
		jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, hash).update();
		return new AuditRecord(seq, at, actor, sourceIp, action, targetType, targetId, entry.outcome(), detail,
				head.lastHash(), hash);
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
	 * predecessor's hash, or a hash that does not match the record's fields.
	 */
	public Verification verify() {
		return verify(VERIFY_PAGE);
	}

	Verification verify(int pageSize) {
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
				if (!row.recomputedHash().equals(row.hash())) {
					return Verification.broken(checked, row.seq(),
							"hash mismatch: the record's fields do not produce its stored hash");
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
				rs.getString("prev_hash"), rs.getString("hash"));
	}

	private record Head(long lastSeq, String lastHash) {
	}
}

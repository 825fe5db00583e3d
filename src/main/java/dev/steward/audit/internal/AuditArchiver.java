package dev.steward.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.audit.AuditEvents;
import dev.steward.audit.AuditRetention;
import dev.steward.audit.internal.AuditLog.AuditRecord;
import dev.steward.audit.internal.AuditLog.Verification;

/**
 * Applies the audit retention: records older than it move, oldest first, into sealed archive segments and leave the
 * live table, each segment in one transaction (file written and fsynced, segment row inserted, records deleted).
 * The live chain's first record keeps its {@code prev_hash}, which is the segment's sealed last hash, so verify
 * walks on from the archive unchanged.
 * <p>
 * Safe with several instances on one store: a sealer first locks the {@code audit_retention} row, so one instance
 * seals at a time and the next finds the records gone; appenders lock {@code audit_chain_head} instead and are never
 * held up. Records are re-verified before sealing, so a seal never launders a record edited in the store.
 */
@Component
class AuditArchiver {

	private static final Logger log = LoggerFactory.getLogger(AuditArchiver.class);

	/** Segments per run at most; the next run carries on. */
	private static final int SEGMENTS_PER_RUN = 100;

	record SealOutcome(int segments, long rows, @Nullable String refused) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final AuditLog auditLog;

	private final AuditKey key;

	private final SegmentRecords segments;

	private final SegmentFiles files;

	private final AuditProperties properties;

	private final AuditRetention retention;

	private final ApplicationEventPublisher events;

	AuditArchiver(JdbcClient jdbc, TransactionTemplate tx, AuditLog auditLog, AuditKey key, SegmentRecords segments,
			SegmentFiles files, AuditProperties properties, AuditRetention retention, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.auditLog = auditLog;
		this.key = key;
		this.segments = segments;
		this.files = files;
		this.properties = properties;
		this.retention = retention;
		this.events = events;
	}

	@Scheduled(fixedDelayString = "${steward.audit.seal-interval:1h}",
			initialDelayString = "${steward.audit.seal-initial-delay:10m}")
	void scheduled() {
		try {
			OptionalInt days = retention.days();
			if (days.isPresent()) {
				SealOutcome outcome = sealBefore(Instant.now().minus(Duration.ofDays(days.getAsInt())), Long.MAX_VALUE);
				if (outcome.refused() != null) {
					log.error("Audit retention not applied: {}", outcome.refused());
				}
				else if (outcome.rows() > 0) {
					log.info("Sealed {} audit records into {} archive segment(s)", outcome.rows(), outcome.segments());
				}
			}
		}
		catch (RuntimeException e) {
			log.warn("Could not apply the audit retention: {}", e.getMessage());
		}
	}

	/** Seals the records that occurred before {@code cutoff}, up to record {@code maxSeq}. */
	SealOutcome sealBefore(Instant cutoff, long maxSeq) {
		int count = 0;
		long rows = 0;
		for (int i = 0; i < SEGMENTS_PER_RUN; i++) {
			Attempt attempt = tx.execute(status -> sealOne(cutoff.truncatedTo(ChronoUnit.MICROS), maxSeq));
			if (attempt == null || attempt.refused() != null) {
				return new SealOutcome(count, rows, attempt == null ? null : attempt.refused());
			}
			if (attempt.segment() == null) {
				break;
			}
			count++;
			rows += attempt.segment().rows();
		}
		return new SealOutcome(count, rows, null);
	}

	private record Attempt(@Nullable Segment segment, @Nullable String refused) {
	}

	private Attempt sealOne(Instant cutoff, long maxSeq) {
		jdbc.sql("SELECT id FROM audit_retention WHERE id = 1 FOR UPDATE").query(Integer.class).single();
		Optional<Segment> newest = segments.newest();
		long from = newest.map(Segment::lastSeq).orElse(0L) + 1;
		String prevHash = newest.map(Segment::lastHash).orElse(AuditHash.GENESIS);
		long head = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).single();
		Long firstYoung = jdbc.sql("SELECT MIN(seq) FROM audit_log WHERE seq >= ? AND occurred_at >= ?")
			.params(from, cutoff.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.optional()
			.orElse(null);
		long upTo = Math.min(Math.min(head, maxSeq), from + properties.segmentRows() - 1);
		if (firstYoung != null) {
			upTo = Math.min(upTo, firstYoung - 1);
		}
		if (upTo < from) {
			return new Attempt(null, null);
		}
		List<AuditRecord> rows = auditLog.range(from, upTo);
		ChainWalk walk = new ChainWalk(key, auditLog.keyedFrom(), null, null, "");
		walk.resumeAt(from - 1, prevHash);
		for (AuditRecord row : rows) {
			Verification broken = walk.step(row, "");
			if (broken != null) {
				return new Attempt(null, "record " + broken.brokenAtSeq() + " does not verify (" + broken.reason()
						+ "); nothing is sealed until the chain verifies");
			}
		}
		if (walk.lastSeq != upTo) {
			return new Attempt(null, "records " + (walk.lastSeq + 1) + " to " + upTo + " are missing; nothing is sealed");
		}
		Segment segment = segment(from, upTo, rows);
		files.write(segment, rows);
		discardUnlessCommitted(segment);
		segments.insert(segment);
		int deleted = jdbc.sql("DELETE FROM audit_log WHERE seq >= ? AND seq <= ?").params(from, upTo).update();
		if (deleted != rows.size()) {
			throw new IllegalStateException("Sealing records " + from + " to " + upTo + " deleted " + deleted
					+ " rows instead of " + rows.size());
		}
		events.publishEvent(new AuditEvents.SegmentSealed(from, upTo, rows.size(), segment.fileName(),
				segment.lastHash(), Instant.now()));
		return new Attempt(segment, null);
	}

	private Segment segment(long from, long upTo, List<AuditRecord> rows) {
		String fileName = Segment.fileName(from, upTo);
		String lastHash = rows.getLast().hash();
		String sha = SegmentFiles.contentSha256(rows);
		return new Segment(from, upTo, lastHash, rows.size(), fileName, sha,
				OffsetDateTime.now(ZoneOffset.UTC).toInstant().truncatedTo(ChronoUnit.MICROS),
				Segment.seal(key, from, upTo, lastHash, rows.size(), fileName, sha));
	}

	/** A segment file whose transaction does not commit must not linger as if it were sealed. */
	private void discardUnlessCommitted(Segment segment) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					files.discard(segment);
				}
			}
		});
	}
}

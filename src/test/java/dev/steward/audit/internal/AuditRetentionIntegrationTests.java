package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.steward.audit.AuditRetention;
import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.test.IntegrationTest;

/**
 * Audit retention: records sealed into archive segments leave the live table, and verify still passes and still
 * names every kind of tampering — in the live table, at its end, and in the archive. A context of its own (small
 * segments, the scheduled sealer far off), so sealing never disturbs the tests sharing the default store.
 */
@IntegrationTest
@TestPropertySource(properties = { "steward.audit.segment-rows=5", "steward.audit.seal-initial-delay=1h" })
class AuditRetentionIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditArchiver archiver;

	@Autowired
	SegmentRecords segments;

	@Autowired
	SegmentFiles files;

	@Autowired
	HeadAnchor headAnchor;

	@Autowired
	AuditKey auditKey;

	@Autowired
	AuditRetention retention;

	@Test
	void sealedRecordsLeaveTheTableAndTheChainStillVerifies() throws Exception {
		long sealedThrough = sealAllButNewest(4);
		List<Segment> all = segments.all();
		assertThat(all).hasSizeGreaterThanOrEqualTo(2);
		assertThat(all.getFirst().firstSeq()).isEqualTo(1);
		assertThat(all.getLast().lastSeq()).isEqualTo(sealedThrough);
		assertThat(jdbc.sql("SELECT MIN(seq) FROM audit_log").query(Long.class).single()).isEqualTo(sealedThrough + 1);
		String firstLivePrev = jdbc.sql("SELECT prev_hash FROM audit_log WHERE seq = ?").param(sealedThrough + 1)
			.query(String.class).single();
		assertThat(firstLivePrev).isEqualTo(all.getLast().lastHash());

		Path file = files.file(all.getFirst().fileName());
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(files.dir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(files.dir().getFileName().toString()).isEqualTo("audit-archive");
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize((int) all.getFirst().rows() + 1);
		assertThat(lines.getLast()).startsWith("{\"segment\":").contains(all.getFirst().lastHash());

		AuditLog.Verification verify = auditLog.verify();
		assertThat(verify.intact()).as(verify.toString()).isTrue();
		assertThat(verify.checked()).isEqualTo(headSeq());
		assertThat(verify.segmentsNotHeld()).isZero();
		for (int pageSize : new int[] { 1, 2, 3 }) {
			assertThat(auditLog.verify(pageSize).intact()).as("page size %d", pageSize).isTrue();
		}
		// the seal itself is audited
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = "
				+ "'audit.seal'").query(Long.class).single() > 0);
		quiet();
		assertThat(auditLog.verify().intact()).isTrue();

		// another instance, which does not hold the files, takes the segments at their sealed hashes
		SegmentFiles elsewhere = new SegmentFiles(Files.createTempDirectory("other-instance-archive"));
		AuditLog other = new AuditLog(jdbc, auditKey, headAnchor, segments, elsewhere);
		AuditLog.Verification remote = other.verify();
		assertThat(remote.intact()).as(remote.toString()).isTrue();
		assertThat(remote.segmentsNotHeld()).isEqualTo(segments.all().size());
	}

	@Test
	void anEditedLiveRecordIsNamed() {
		long sealedThrough = sealAllButNewest(4);
		long seq = sealedThrough + 1; // the record that links to the archive
		String detail = jdbc.sql("SELECT detail FROM audit_log WHERE seq = ?").param(seq).query(String.class).single();
		jdbc.sql("UPDATE audit_log SET detail = 'edited' WHERE seq = ?").param(seq).update();
		try {
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.intact()).isFalse();
			assertThat(verify.brokenAtSeq()).isEqualTo(seq);
			assertThat(verify.reason()).startsWith("hash mismatch");
			// and a record that does not verify is never sealed
			AuditArchiver.SealOutcome refused = archiver.sealBefore(Instant.now().plusSeconds(3600), seq);
			assertThat(refused.rows()).isZero();
			assertThat(refused.refused()).contains("record " + seq + " does not verify");
		}
		finally {
			jdbc.sql("UPDATE audit_log SET detail = ? WHERE seq = ?").params(detail, seq).update();
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void aDeletedMiddleRecordIsNamed() {
		long sealedThrough = sealAllButNewest(4);
		long seq = sealedThrough + 2;
		Map<String, Object> row = jdbc.sql("SELECT * FROM audit_log WHERE seq = ?").param(seq).query().singleRow();
		jdbc.sql("DELETE FROM audit_log WHERE seq = ?").param(seq).update();
		try {
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.intact()).isFalse();
			assertThat(verify.brokenAtSeq()).isEqualTo(seq);
			assertThat(verify.reason()).startsWith("seq gap").contains("record " + seq + " is missing");
		}
		finally {
			reinsert(row);
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void anInsertedRecordIsNamed() {
		long sealedThrough = sealAllButNewest(4);
		long seq = sealedThrough + 2;
		List<Map<String, Object>> original = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").param(seq)
			.query().listOfRows();
		// shift the records up by one and slip a forged one in: it cannot carry a valid HMAC
		jdbc.sql("DELETE FROM audit_log WHERE seq >= ?").param(seq).update();
		try {
			Map<String, Object> forged = new java.util.HashMap<>(lowerCaseKeys(original.getFirst()));
			forged.put("detail", "inserted by someone with write access to the store");
			reinsert(forged);
			for (Map<String, Object> r : original) {
				Map<String, Object> shifted = new java.util.HashMap<>(lowerCaseKeys(r));
				shifted.put("seq", ((Number) shifted.get("seq")).longValue() + 1);
				reinsert(shifted);
			}
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.intact()).isFalse();
			assertThat(verify.brokenAtSeq()).isEqualTo(seq);
			assertThat(verify.reason()).startsWith("hash mismatch");
		}
		finally {
			jdbc.sql("DELETE FROM audit_log WHERE seq >= ?").param(seq).update();
			original.forEach(this::reinsert);
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void theNewestRecordsDeletedAndTheHeadRewoundAreNamed() {
		sealAllButNewest(4);
		long last = headSeq();
		long cut = last - 1;
		List<Map<String, Object>> removed = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").param(cut)
			.query().listOfRows();
		Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1").query()
			.singleRow();
		String newHash = jdbc.sql("SELECT hash FROM audit_log WHERE seq = ?").param(cut - 1).query(String.class).single();
		jdbc.sql("DELETE FROM audit_log WHERE seq >= ?").param(cut).update();
		jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(cut - 1, newHash).update();
		try {
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.intact()).as(verify.toString()).isFalse();
			assertThat(verify.brokenAtSeq()).isEqualTo(cut);
			assertThat(verify.reason()).startsWith("truncated").contains("record " + last + " was anchored");
		}
		finally {
			removed.forEach(this::reinsert);
			jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")
				.params(head.get("last_seq"), head.get("last_hash")).update();
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void aTamperedArchiveSegmentIsNamed() throws Exception {
		sealAllButNewest(4);
		Segment first = segments.all().getFirst();
		Path file = files.file(first.fileName());
		byte[] original = Files.readAllBytes(file);
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		String second = lines.get(1);
		assertThat(second).contains("\"seq\":2");
		lines.set(1, second.replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"mallory\""));
		Files.write(file, lines, StandardCharsets.UTF_8);
		try {
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.intact()).isFalse();
			assertThat(verify.brokenAtSeq()).isEqualTo(2);
			assertThat(verify.reason()).startsWith("hash mismatch in archive segment " + first.fileName());

			// a record removed from the file
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			lines.remove(1);
			Files.write(file, lines, StandardCharsets.UTF_8);
			assertThat(auditLog.verify().reason()).startsWith("seq gap in archive segment " + first.fileName());
		}
		finally {
			Files.write(file, original);
		}
		assertThat(auditLog.verify().intact()).isTrue();

		// the store's record of a segment cannot be altered without the key, nor dropped
		jdbc.sql("UPDATE audit_archive_segment SET row_count = row_count + 1 WHERE first_seq = 1").update();
		try {
			assertThat(auditLog.verify().reason()).startsWith("archive segment forged");
		}
		finally {
			jdbc.sql("UPDATE audit_archive_segment SET row_count = row_count - 1 WHERE first_seq = 1").update();
		}
		Map<String, Object> row = jdbc.sql("SELECT * FROM audit_archive_segment WHERE first_seq = 1").query().singleRow();
		jdbc.sql("DELETE FROM audit_archive_segment WHERE first_seq = 1").update();
		try {
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.brokenAtSeq()).isEqualTo(1);
			assertThat(verify.reason()).startsWith("seq gap").contains("archive segment holding record 1 is missing");
		}
		finally {
			jdbc.sql("""
					INSERT INTO audit_archive_segment (first_seq, last_seq, last_hash, row_count, file_name,
					content_sha256, sealed_at, seal) VALUES (:first_seq, :last_seq, :last_hash, :row_count, :file_name,
					:content_sha256, :sealed_at, :seal)""").paramSource(lowerCaseKeys(row)).update();
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void retentionIsSetThroughTheModuleApiAndRecentRecordsStay() {
		assertThat(retention.days()).isEmpty();
		retention.setDays(30);
		try {
			assertThat(retention.days()).hasValue(30);
			assertThat(retention.storedDays()).isEqualTo(30);
			long before = jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
			archiver.scheduled(); // nothing here is 30 days old
			assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single()).isGreaterThanOrEqualTo(before);
			retention.setDays(0);
			assertThat(retention.days()).isEmpty();
		}
		finally {
			retention.setDays(null);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = "
				+ "'audit.retention'").query(Long.class).single() >= 3);
	}

	/** Appends enough records, lets the background ones settle, and seals all but the newest {@code keep}. */
	private long sealAllButNewest(int keep) {
		for (int i = 0; i < 12; i++) {
			auditLog.append(AuditEntry.success(Actor.of("retention-test"), "test.record", "test", "r" + i, "record " + i));
		}
		quiet();
		long through = headSeq() - keep;
		AuditArchiver.SealOutcome outcome = archiver.sealBefore(Instant.now().plusSeconds(3600), through);
		assertThat(outcome.refused()).isNull();
		assertThat(segments.newestLastSeq()).isEqualTo(through);
		quiet(); // the seal's own record
		return through;
	}

	private void quiet() {
		AuditTables.quiet(jdbc, headAnchor);
	}

	private long headSeq() {
		return AuditTables.headSeq(jdbc);
	}

	private void reinsert(Map<String, Object> row) {
		AuditTables.reinsert(jdbc, row);
	}

	private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
		return AuditTables.lowerCaseKeys(row);
	}
}

package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit tests' direct hands on the store: wait for the chain to settle, read its head, put a row back. */
final class AuditTables {

	private AuditTables() {
	}

	/** Until nothing is left to append: no event waits for its listener and the anchor names the head. */
	static void quiet(JdbcClient jdbc, HeadAnchor headAnchor) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
				.query(Long.class).single()).isZero();
			HeadAnchor.Anchor anchored = headAnchor.read().latest();
			assertThat(anchored).isNotNull();
			assertThat(anchored.seq()).isEqualTo(headSeq(jdbc));
		});
	}

	static long headSeq(JdbcClient jdbc) {
		return jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).single();
	}

	static void reinsert(JdbcClient jdbc, Map<String, Object> row) {
		jdbc.sql("""
				INSERT INTO audit_log (seq, occurred_at, actor, source_ip, action, target_type, target_id, outcome,
				detail, prev_hash, hash, chain_version) VALUES (:seq, :occurred_at, :actor, :source_ip, :action,
				:target_type, :target_id, :outcome, :detail, :prev_hash, :hash, :chain_version)""")
			.paramSource(lowerCaseKeys(row))
			.update();
	}

	static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
		Map<String, Object> out = new HashMap<>();
		row.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
		return out;
	}

}

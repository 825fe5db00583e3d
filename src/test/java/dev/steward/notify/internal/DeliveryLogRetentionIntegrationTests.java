package dev.steward.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.test.IntegrationTest;

/** The delivery log keeps finished deliveries for {@code steward.notify.log-retention}, and pending ones always. */
@IntegrationTest
class DeliveryLogRetentionIntegrationTests {

	@Autowired
	Deliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void finishedDeliveriesOlderThanTheRetentionAreDroppedWithTheirAttempts() {
		OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(31);
		UUID oldDelivered = insert("DELIVERED", old);
		UUID oldPending = insert("PENDING", old);
		UUID recent = insert("FAILED", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
		jdbc.sql("INSERT INTO notification_attempts (id, delivery_id, attempt, attempted_at, ok, duration_ms) "
				+ "VALUES (:id, :d, 1, :at, TRUE, 5)").param("id", UUID.randomUUID()).param("d", oldDelivered)
			.param("at", old).update();

		assertThat(deliveries.purge()).isGreaterThanOrEqualTo(1);
		assertThat(exists(oldDelivered)).isFalse();
		assertThat(exists(oldPending)).as("still to be sent").isTrue();
		assertThat(exists(recent)).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_attempts WHERE delivery_id = :d").param("d", oldDelivered)
			.query(Long.class).single()).isZero();
		jdbc.sql("DELETE FROM notification_deliveries WHERE id IN (:a, :b)").param("a", oldPending).param("b", recent).update();
	}

	private UUID insert(String status, OffsetDateTime created) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO notification_deliveries (id, channel_id, channel_name, channel_type, topic, dedupe_key, subject,
				    summary, message_json, status, attempts, next_attempt_at, created_at)
				VALUES (:id, :c, 'gone', 'WEBHOOK', 'ALERT', :k, 's', 's', '{}', :status, 1, :at, :at)""")
			.param("id", id).param("c", UUID.randomUUID()).param("k", id.toString()).param("status", status)
			.param("at", status.equals("PENDING") ? created.plusYears(10) : created)
			.update();
		return id;
	}

	private boolean exists(UUID id) {
		return jdbc.sql("SELECT COUNT(*) FROM notification_deliveries WHERE id = :id").param("id", id).query(Long.class)
			.single() > 0;
	}
}

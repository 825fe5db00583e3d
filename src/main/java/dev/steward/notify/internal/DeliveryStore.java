package dev.steward.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.notify.ChannelType;
import dev.steward.notify.DeliveryStatus;
import dev.steward.notify.NotificationTopic;
import dev.steward.shared.PageResult;

/**
 * The queue and log of deliveries. An instance takes a due delivery by moving it to SENDING with a claim that expires
 * (one UPDATE that only one instance can win), so a delivery whose instance died is taken again later.
 */
@Repository
class DeliveryStore {

	record Due(UUID id, UUID channelId, int attempts, String messageJson) {
	}

	private final JdbcClient jdbc;

	DeliveryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues a delivery unless this channel already has one for the same notification; whether it did. */
	boolean enqueue(Channel channel, NotificationTopic topic, String dedupeKey, String subject, String summary,
			String messageJson, OffsetDateTime now) {
		long existing = jdbc.sql("SELECT COUNT(*) FROM notification_deliveries WHERE channel_id = :c AND dedupe_key = :k")
			.param("c", channel.id())
			.param("k", dedupeKey)
			.query(Long.class)
			.single();
		if (existing > 0) {
			return false;
		}
		Map<String, Object> p = new HashMap<>();
		p.put("id", UUID.randomUUID());
		p.put("channelId", channel.id());
		p.put("channelName", channel.name());
		p.put("channelType", channel.type().name());
		p.put("topic", topic.name());
		p.put("key", dedupeKey);
		p.put("subject", Payloads.cut(subject, 1000));
		p.put("summary", Payloads.cut(summary, 2000));
		p.put("json", messageJson);
		p.put("status", DeliveryStatus.PENDING.name());
		p.put("now", now);
		jdbc.sql("""
				INSERT INTO notification_deliveries (id, channel_id, channel_name, channel_type, topic, dedupe_key, subject,
				    summary, message_json, status, attempts, next_attempt_at, created_at)
				VALUES (:id, :channelId, :channelName, :channelType, :topic, :key, :subject, :summary, :json, :status, 0,
				    :now, :now)""")
			.params(p)
			.update();
		return true;
	}

	/** Ids of deliveries due now: pending and due, or sending with an expired claim. */
	/** The due deliveries, oldest first, grouped by channel (each channel's in its order). */
	java.util.Map<UUID, List<UUID>> dueByChannel(OffsetDateTime now, int limit) {
		record Row(UUID id, UUID channelId) {
		}
		java.util.Map<UUID, List<UUID>> byChannel = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				SELECT id, channel_id FROM notification_deliveries
				WHERE (status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND claimed_until < :now)
				ORDER BY next_attempt_at""")
			.param("now", now)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class)))
			.list()
			.stream()
			.limit(limit)
			.forEach(r -> byChannel.computeIfAbsent(r.channelId(), c -> new java.util.ArrayList<>()).add(r.id()));
		return byChannel;
	}

	/** The delivery, if this caller won it. */
	Optional<Due> claim(UUID id, OffsetDateTime now, OffsetDateTime until) {
		int won = jdbc.sql("""
				UPDATE notification_deliveries SET status = 'SENDING', claimed_until = :until
				WHERE id = :id AND ((status = 'PENDING' AND next_attempt_at <= :now)
				    OR (status = 'SENDING' AND claimed_until < :now))""")
			.param("id", id)
			.param("now", now)
			.param("until", until)
			.update();
		if (won == 0) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT id, channel_id, attempts, message_json FROM notification_deliveries WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class),
					rs.getInt("attempts"), rs.getString("message_json")))
			.optional();
	}

	/** Records one attempt and where the delivery goes next. */
	void attempted(UUID id, int attempt, OffsetDateTime at, long millis, @Nullable String error,
			DeliveryStatus next, @Nullable OffsetDateTime nextAttemptAt) {
		jdbc.sql("""
				INSERT INTO notification_attempts (id, delivery_id, attempt, attempted_at, ok, duration_ms, error)
				VALUES (:id, :delivery, :attempt, :at, :ok, :millis, :error)""")
			.param("id", UUID.randomUUID())
			.param("delivery", id)
			.param("attempt", attempt)
			.param("at", at)
			.param("ok", error == null)
			.param("millis", millis)
			.param("error", error == null ? null : Payloads.cut(error, 2000))
			.update();
		jdbc.sql("""
				UPDATE notification_deliveries SET status = :status, attempts = :attempt, claimed_until = NULL,
				    next_attempt_at = COALESCE(:next, next_attempt_at), last_error = :error,
				    finished_at = :finished WHERE id = :id""")
			.param("id", id)
			.param("status", next.name())
			.param("attempt", attempt)
			.param("next", nextAttemptAt, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("error", error == null ? null : Payloads.cut(error, 2000))
			.param("finished", next == DeliveryStatus.PENDING ? null : at, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/** Deletes delivered and failed deliveries (with their attempts) created before {@code before}; how many. */
	int purgeFinishedBefore(OffsetDateTime before) {
		jdbc.sql("""
				DELETE FROM notification_attempts WHERE delivery_id IN (SELECT id FROM notification_deliveries
				    WHERE status IN ('DELIVERED', 'FAILED') AND created_at < :before)""")
			.param("before", before)
			.update();
		return jdbc.sql("DELETE FROM notification_deliveries WHERE status IN ('DELIVERED', 'FAILED') AND created_at < :before")
			.param("before", before)
			.update();
	}

	PageResult<DeliveryView> page(@Nullable UUID channelId, @Nullable DeliveryStatus status, int page, int size) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (channelId != null) {
			conditions.add("channel_id = :channel");
			params.put("channel", channelId);
		}
		if (status != null) {
			conditions.add("status = :status");
			params.put("status", status.name());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		long total = jdbc.sql("SELECT COUNT(*) FROM notification_deliveries" + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<DeliveryView> rows = jdbc.sql("SELECT * FROM notification_deliveries" + where
				+ " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
			.params(params)
			.query((rs, n) -> map(rs))
			.list();
		List<DeliveryView> withAttempts = new ArrayList<>();
		for (DeliveryView d : rows) {
			List<DeliveryView.DeliveryAttempt> attempts = jdbc.sql("""
					SELECT attempt, attempted_at, ok, duration_ms, error FROM notification_attempts
					WHERE delivery_id = :id ORDER BY attempt""")
				.param("id", d.id())
				.query((rs, n) -> new DeliveryView.DeliveryAttempt(rs.getInt("attempt"),
						rs.getObject("attempted_at", OffsetDateTime.class), rs.getBoolean("ok"),
						rs.getLong("duration_ms"), rs.getString("error")))
				.list();
			withAttempts.add(new DeliveryView(d.id(), d.channelId(), d.channelName(), d.channelType(), d.topic(),
					d.subject(), d.summary(), d.status(), d.attempts(), d.nextAttemptAt(), d.createdAt(),
					d.finishedAt(), d.lastError(), attempts));
		}
		return PageResult.of(withAttempts, page, size, total);
	}

	private static DeliveryView map(ResultSet rs) throws SQLException {
		DeliveryStatus status = DeliveryStatus.valueOf(rs.getString("status"));
		return new DeliveryView(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class),
				rs.getString("channel_name"), ChannelType.valueOf(rs.getString("channel_type")),
				NotificationTopic.valueOf(rs.getString("topic")), rs.getString("subject"), rs.getString("summary"),
				status, rs.getInt("attempts"),
				status == DeliveryStatus.PENDING ? rs.getObject("next_attempt_at", OffsetDateTime.class) : null,
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
				rs.getString("last_error"), List.of());
	}
}

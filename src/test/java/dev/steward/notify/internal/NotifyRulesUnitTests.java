package dev.steward.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.steward.notify.ChannelType;
import dev.steward.notify.Notification;
import dev.steward.notify.NotificationTopic;

class NotifyRulesUnitTests {

	@Test
	void retriesWaitTwiceAsLongEachTimeUpToTheCap() {
		NotifyProperties p = new NotifyProperties(null, null, null, Duration.ofSeconds(30), Duration.ofMinutes(5), null);
		assertThat(p.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(p.retryDelay(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(p.retryDelay(3)).isEqualTo(Duration.ofSeconds(120));
		assertThat(p.retryDelay(4)).isEqualTo(Duration.ofSeconds(240));
		assertThat(p.retryDelay(5)).isEqualTo(Duration.ofMinutes(5));
		assertThat(p.retryDelay(60)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aChannelGetsItsTopicsAndWithFailuresOnlyJustTheFailures() {
		Channel all = channel(true, false, EnumSet.of(NotificationTopic.BACKUP_FAILED, NotificationTopic.BACKUP_SUCCEEDED));
		assertThat(all.wants(NotificationTopic.BACKUP_SUCCEEDED)).isTrue();
		assertThat(all.wants(NotificationTopic.BACKUP_FAILED)).isTrue();
		assertThat(all.wants(NotificationTopic.VERIFICATION_FAILED)).as("not subscribed").isFalse();
		Channel failures = channel(true, true, EnumSet.of(NotificationTopic.BACKUP_FAILED, NotificationTopic.BACKUP_SUCCEEDED));
		assertThat(failures.wants(NotificationTopic.BACKUP_SUCCEEDED)).isFalse();
		assertThat(failures.wants(NotificationTopic.BACKUP_FAILED)).isTrue();
		assertThat(channel(false, false, EnumSet.allOf(NotificationTopic.class)).wants(NotificationTopic.BACKUP_FAILED))
			.as("disabled").isFalse();
	}

	@Test
	void aMessageSaysWhatWhereWhenTheErrorAndLinksIntoTheApp() {
		Notification n = new Notification(NotificationTopic.BACKUP_FAILED, "connection 'Sales' (POSTGRES)",
				"The backup failed.", "pg_dump: permission denied", "/backups?connection=x", Instant.parse("2026-03-01T02:00:00Z"));
		Message m = Message.of(n, "https://steward.example.com/");
		assertThat(m.title()).isEqualTo("[Steward] Backup failed: connection 'Sales' (POSTGRES)");
		assertThat(m.text()).contains("The backup failed.").contains("Where: connection 'Sales' (POSTGRES)")
			.contains("When: 2026-03-01 02:00:00 UTC").contains("Error: pg_dump: permission denied")
			.contains("Open in Steward: https://steward.example.com/backups?connection=x");
		// Slack's mrkdwn: user text cannot inject links or mentions
		Message hostile = Message.of(new Notification(NotificationTopic.BACKUP_FAILED, "<!channel> <http://evil|x>",
				"a & b", null, null, Instant.now()), "http://localhost:8080");
		var slack = Payloads.slack(hostile);
		assertThat(slack.get("text").asString()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
		assertThat(slack.get("blocks").get(1).get("text").get("text").asString()).contains("&lt;!channel&gt;")
			.doesNotContain("<!channel>");
		assertThat(slack.get("blocks").get(0).get("text").get("type").asString()).isEqualTo("plain_text");
	}

	@Test
	void theSameNotificationRepublishedHasTheSameKey() {
		Instant at = Instant.now();
		Notification a = new Notification(NotificationTopic.BACKUP_FAILED, "s", "x", null, null, at);
		Notification b = new Notification(NotificationTopic.BACKUP_FAILED, "s", "x", "other details", "/y", at);
		assertThat(Deliveries.dedupeKey(a)).isEqualTo(Deliveries.dedupeKey(b));
		assertThat(Deliveries.dedupeKey(a))
			.isNotEqualTo(Deliveries.dedupeKey(new Notification(NotificationTopic.BACKUP_FAILED, "s", "x", null, null, at.plusMillis(1))));
	}

	private static Channel channel(boolean enabled, boolean failuresOnly, EnumSet<NotificationTopic> topics) {
		OffsetDateTime now = OffsetDateTime.now();
		return new Channel(UUID.randomUUID(), "c", ChannelType.WEBHOOK, enabled, failuresOnly, topics,
				new Channel.Settings(null, null, null, null, null, null, null), Channel.Secrets.NONE, now, now);
	}
}

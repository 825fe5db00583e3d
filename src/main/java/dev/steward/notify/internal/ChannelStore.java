package dev.steward.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.notify.ChannelType;
import dev.steward.notify.NotificationTopic;
import dev.steward.shared.KeyFiles;
import dev.steward.shared.StewardProperties;
import tools.jackson.databind.json.JsonMapper;

/** The channels and their subscriptions; secrets sealed with the credential key before they reach the store. */
@Repository
class ChannelStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final SecretBox box;

	ChannelStore(JdbcClient jdbc, StewardProperties steward,
			@Value("${steward.connection.master-key:}") String masterKey) {
		this.jdbc = jdbc;
		this.box = new SecretBox(KeyFiles.loadOrCreate(masterKey, "STEWARD_MASTER_KEY / steward.connection.master-key",
				steward.dataDir().resolve("keys").resolve("credentials.key"), "the credentials key"));
	}

	List<Channel> all() {
		Map<UUID, Set<NotificationTopic>> topics = topics();
		return jdbc.sql("SELECT * FROM notification_channels ORDER BY name")
			.query((rs, n) -> map(rs, topics))
			.list();
	}

	Optional<Channel> find(UUID id) {
		Map<UUID, Set<NotificationTopic>> topics = topics();
		return jdbc.sql("SELECT * FROM notification_channels WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> map(rs, topics))
			.optional();
	}

	boolean nameTaken(String name, UUID except) {
		return jdbc.sql("SELECT COUNT(*) FROM notification_channels WHERE name = :name AND id <> :id")
			.param("name", name)
			.param("id", except)
			.query(Long.class)
			.single() > 0;
	}

	void insert(Channel c) {
		jdbc.sql("""
				INSERT INTO notification_channels (id, name, type, enabled, failures_only, settings_json, secrets_enc,
				    created_at, updated_at)
				VALUES (:id, :name, :type, :enabled, :failuresOnly, :settings, :secrets, :createdAt, :updatedAt)""")
			.params(params(c))
			.update();
		writeTopics(c);
	}

	void update(Channel c) {
		jdbc.sql("""
				UPDATE notification_channels SET name = :name, enabled = :enabled, failures_only = :failuresOnly,
				    settings_json = :settings, secrets_enc = :secrets, updated_at = :updatedAt WHERE id = :id""")
			.params(params(c))
			.update();
		jdbc.sql("DELETE FROM notification_subscriptions WHERE channel_id = :id").param("id", c.id()).update();
		writeTopics(c);
	}

	boolean delete(UUID id) {
		return jdbc.sql("DELETE FROM notification_channels WHERE id = :id").param("id", id).update() > 0;
	}

	private Map<String, Object> params(Channel c) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", c.id());
		p.put("name", c.name());
		p.put("type", c.type().name());
		p.put("enabled", c.enabled());
		p.put("failuresOnly", c.failuresOnly());
		p.put("settings", JSON.writeValueAsString(c.settings()));
		p.put("secrets", box.seal(JSON.writeValueAsString(c.secrets()), c.id()));
		p.put("createdAt", c.createdAt());
		p.put("updatedAt", c.updatedAt());
		return p;
	}

	private void writeTopics(Channel c) {
		for (NotificationTopic topic : c.topics()) {
			jdbc.sql("INSERT INTO notification_subscriptions (channel_id, topic) VALUES (:id, :topic)")
				.param("id", c.id())
				.param("topic", topic.name())
				.update();
		}
	}

	private Map<UUID, Set<NotificationTopic>> topics() {
		Map<UUID, Set<NotificationTopic>> topics = new HashMap<>();
		jdbc.sql("SELECT channel_id, topic FROM notification_subscriptions").query(rs -> {
			topics.computeIfAbsent(rs.getObject("channel_id", UUID.class), k -> EnumSet.noneOf(NotificationTopic.class))
				.add(NotificationTopic.valueOf(rs.getString("topic")));
		});
		return topics;
	}

	private Channel map(ResultSet rs, Map<UUID, Set<NotificationTopic>> topics) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		String sealed = rs.getString("secrets_enc");
		Channel.Secrets secrets;
		try {
			secrets = sealed == null ? Channel.Secrets.NONE
					: JSON.readValue(box.open(sealed, id), Channel.Secrets.class);
		}
		catch (SecretBox.SecretsUnreadable e) {
			// shown as "no secret set", so the admin sees what to enter again; sending fails with the reason
			secrets = Channel.Secrets.NONE;
		}
		return new Channel(id, rs.getString("name"), ChannelType.valueOf(rs.getString("type")),
				rs.getBoolean("enabled"), rs.getBoolean("failures_only"),
				topics.getOrDefault(id, EnumSet.noneOf(NotificationTopic.class)),
				JSON.readValue(rs.getString("settings_json"), Channel.Settings.class), secrets,
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
	}
}

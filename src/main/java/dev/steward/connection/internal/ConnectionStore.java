package dev.steward.connection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.connection.SshAuthentication;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;
import dev.steward.security.UserDirectory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code connections} and {@code connection_tags} tables. */
@Repository
public class ConnectionStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SELECT = "SELECT c.* FROM connections c";

	private final JdbcClient jdbc;

	private final UserDirectory users;

	ConnectionStore(JdbcClient jdbc, UserDirectory users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	public static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

	/** Ids visible to {@code userId}: own and shared ones, or all of them for an admin. */
	public java.util.Set<UUID> visibleIds(UUID userId, boolean admin) {
		List<UUID> ids = admin ? jdbc.sql("SELECT id FROM connections").query(UUID.class).list()
				: jdbc.sql("SELECT id FROM connections WHERE owner_id = ? OR shared = TRUE").param(userId)
					.query(UUID.class).list();
		return java.util.Set.copyOf(ids);
	}

	public List<ConnectionRow> findAll() {
		Map<UUID, List<String>> tags = new HashMap<>();
		jdbc.sql("SELECT connection_id, tag FROM connection_tags ORDER BY tag")
			.query(rs -> {
				tags.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
			});
		return withOwnerNames(jdbc.sql(SELECT + " ORDER BY LOWER(c.name), c.id")
			.query((rs, n) -> map(rs, tags.getOrDefault(rs.getObject("id", UUID.class), List.of())))
			.list());
	}

	/** Owners' names come from the security module, which owns the users. */
	private List<ConnectionRow> withOwnerNames(List<ConnectionRow> rows) {
		Map<UUID, String> names = users.usernames(rows.stream().map(ConnectionRow::ownerId).distinct().toList());
		return rows.stream().map(r -> r.withOwnerUsername(names.getOrDefault(r.ownerId(), "(deleted user)"))).toList();
	}

	public Optional<ConnectionRow> findById(UUID id) {
		List<String> tags = jdbc.sql("SELECT tag FROM connection_tags WHERE connection_id = ? ORDER BY tag")
			.param(id)
			.query(String.class)
			.list();
		return jdbc.sql(SELECT + " WHERE c.id = ?").param(id).query((rs, n) -> map(rs, tags)).optional()
			.map(row -> withOwnerNames(List.of(row)).getFirst());
	}

	public long count() {
		return jdbc.sql("SELECT COUNT(*) FROM connections").query(Long.class).single();
	}

	public boolean nameTaken(UUID ownerId, String name, @Nullable UUID except) {
		return jdbc.sql("SELECT COUNT(*) FROM connections WHERE owner_id = ? AND name = ? AND id <> ?")
			.params(ownerId, name, except == null ? new UUID(0, 0) : except)
			.query(Long.class)
			.single() > 0;
	}

	public void insert(ConnectionRow row) {
		jdbc.sql("""
				INSERT INTO connections (id, owner_id, name, description, engine, host, port, database_name, username,
				    password_secret, ssl_mode, ca_certificate, file_path, srv, options_json, colour, active, shared,
				    created_at, updated_at, last_used_at, browse_all_databases, ssh_host, ssh_port, ssh_username, ssh_auth,
				    ssh_password_secret, ssh_key_secret, ssh_passphrase_secret, ssh_host_key)
				VALUES (:id, :owner, :name, :description, :engine, :host, :port, :database, :username, :secret, :ssl,
				    :ca, :file, :srv, :options, :colour, :active, :shared, :created, :updated, NULL, :browseAll,
				    :sshHost, :sshPort, :sshUsername, :sshAuth, :sshPassword, :sshKey, :sshPassphrase, :sshHostKey)""")
			.params(params(row))
			.update();
		writeTags(row.id(), row.tags());
	}

	public void update(ConnectionRow row) {
		jdbc.sql("""
				UPDATE connections SET name = :name, description = :description, engine = :engine, host = :host,
				    port = :port, database_name = :database, username = :username, password_secret = :secret,
				    ssl_mode = :ssl, ca_certificate = :ca, file_path = :file, srv = :srv, options_json = :options,
				    colour = :colour, active = :active, shared = :shared, updated_at = :updated,
				    browse_all_databases = :browseAll, ssh_host = :sshHost, ssh_port = :sshPort,
				    ssh_username = :sshUsername, ssh_auth = :sshAuth, ssh_password_secret = :sshPassword,
				    ssh_key_secret = :sshKey, ssh_passphrase_secret = :sshPassphrase, ssh_host_key = :sshHostKey
				WHERE id = :id""")
			.params(params(row))
			.update();
		jdbc.sql("DELETE FROM connection_tags WHERE connection_id = ?").param(row.id()).update();
		writeTags(row.id(), row.tags());
	}

	/**
	 * Pins the SSH host key seen on the first successful connect, unless one was pinned meanwhile or the tunnel's
	 * server changed; whether this call pinned it.
	 */
	public boolean pinHostKey(UUID id, String expectedHost, int expectedPort, String fingerprint) {
		return jdbc.sql("UPDATE connections SET ssh_host_key = ? "
				+ "WHERE id = ? AND ssh_host_key IS NULL AND ssh_host = ? AND ssh_port = ?")
			.params(fingerprint, id, expectedHost, expectedPort)
			.update() == 1;
	}

	public void setActive(UUID id, boolean active, OffsetDateTime at) {
		jdbc.sql("UPDATE connections SET active = ?, updated_at = ? WHERE id = ?").params(active, at, id).update();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM connection_tags WHERE connection_id = ?").param(id).update();
		jdbc.sql("DELETE FROM connections WHERE id = ?").param(id).update();
	}

	public void markUsed(UUID id, OffsetDateTime at) {
		jdbc.sql("UPDATE connections SET last_used_at = ? WHERE id = ?").params(at, id).update();
	}

	/** The first administrator (preferring the one called {@code admin}): owner of the sample connection. */
	public Optional<UUID> firstAdmin() {
		return users.firstEnabledAdmin();
	}

	public boolean hasMarker(String marker) {
		return jdbc.sql("SELECT COUNT(*) FROM connection_markers WHERE marker = ?").param(marker).query(Long.class)
			.single() > 0;
	}

	public void setMarker(String marker) {
		jdbc.sql("INSERT INTO connection_markers (marker, created_at) VALUES (?, ?)").params(marker, now()).update();
	}

	private void writeTags(UUID id, List<String> tags) {
		for (String tag : tags) {
			jdbc.sql("INSERT INTO connection_tags (connection_id, tag) VALUES (?, ?)").params(id, tag).update();
		}
	}

	private static Map<String, @Nullable Object> params(ConnectionRow row) {
		Map<String, @Nullable Object> p = new LinkedHashMap<>();
		p.put("id", row.id());
		p.put("owner", row.ownerId());
		p.put("name", row.name());
		p.put("description", row.description());
		p.put("engine", row.engine().name());
		p.put("host", row.host());
		p.put("port", row.port());
		p.put("database", row.database());
		p.put("username", row.username());
		p.put("secret", row.passwordSecret());
		p.put("ssl", row.sslMode().name());
		p.put("ca", row.caCertificate());
		p.put("file", row.filePath());
		p.put("srv", row.srv());
		p.put("options", row.options().isEmpty() ? null : JSON.writeValueAsString(row.options()));
		p.put("colour", row.colour());
		p.put("active", row.active());
		p.put("shared", row.shared());
		p.put("created", row.createdAt());
		p.put("updated", row.updatedAt());
		p.put("browseAll", row.browseAllDatabases());
		SshRow ssh = row.ssh();
		p.put("sshHost", ssh == null ? null : ssh.host());
		p.put("sshPort", ssh == null ? null : ssh.port());
		p.put("sshUsername", ssh == null ? null : ssh.username());
		p.put("sshAuth", ssh == null ? null : ssh.authentication().name());
		p.put("sshPassword", ssh == null ? null : ssh.passwordSecret());
		p.put("sshKey", ssh == null ? null : ssh.keySecret());
		p.put("sshPassphrase", ssh == null ? null : ssh.passphraseSecret());
		p.put("sshHostKey", ssh == null ? null : ssh.hostKey());
		return p;
	}

	private static ConnectionRow map(ResultSet rs, List<String> tags) throws SQLException {
		String options = rs.getString("options_json");
		Map<String, String> optionMap = options == null ? Map.of()
				: JSON.readValue(options, new TypeReference<Map<String, String>>() {
				});
		int port = rs.getInt("port");
		Integer portValue = rs.wasNull() ? null : port;
		return new ConnectionRow(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
				"", rs.getString("name"), rs.getString("description"),
				EngineKind.valueOf(rs.getString("engine")), rs.getString("host"), portValue,
				rs.getString("database_name"), rs.getString("username"), rs.getString("password_secret"),
				SslMode.valueOf(rs.getString("ssl_mode")), rs.getString("ca_certificate"), rs.getString("file_path"),
				rs.getBoolean("srv"), optionMap, rs.getString("colour"), rs.getBoolean("active"),
				rs.getBoolean("shared"), tags, rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
				rs.getBoolean("browse_all_databases"), ssh(rs));
	}

	private static @Nullable SshRow ssh(ResultSet rs) throws SQLException {
		String host = rs.getString("ssh_host");
		if (host == null) {
			return null;
		}
		return new SshRow(host, rs.getInt("ssh_port"), rs.getString("ssh_username"),
				SshAuthentication.valueOf(rs.getString("ssh_auth")), rs.getString("ssh_password_secret"),
				rs.getString("ssh_key_secret"), rs.getString("ssh_passphrase_secret"), rs.getString("ssh_host_key"));
	}
}

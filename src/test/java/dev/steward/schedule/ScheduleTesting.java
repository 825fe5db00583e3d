package dev.steward.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A tiny SQLite database registered as a connection, and schedule bodies. */
public final class ScheduleTesting {

	private ScheduleTesting() {
	}

	/** A few rows in a new SQLite file under the allowed directory; answers the connection's id. */
	public static String tinySqliteConnection(TestApi api, Path dataDir, String label) throws Exception {
		return tinySqliteConnectionIn(api, Files.createDirectories(dataDir.resolve("sqlite")), label);
	}

	/** As {@link #tinySqliteConnection} in a given allowed directory. */
	public static String tinySqliteConnectionIn(TestApi api, Path dir, String label) throws Exception {
		return tinySqliteConnectionIn(api, dir, label, false);
	}

	/** As {@link #tinySqliteConnectionIn}, shared with every user when {@code shared}. */
	public static String tinySqliteConnectionIn(TestApi api, Path dir, String label, boolean shared) throws Exception {
		Path db = dir.resolve(label + "-" + UUID.randomUUID() + ".sqlite");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
			s.execute("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')");
		}
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", label + " " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", db.toString())
			.put("shared", shared).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	public static ObjectNode cronSchedule(String name, String connection, String cron, String zone) {
		ObjectNode body = TestApi.JSON.createObjectNode().put("name", name).put("connectionId", connection)
			.put("timeZone", zone).put("compression", "GZIP").put("encrypted", false);
		body.putObject("timing").put("type", "CRON").put("cron", cron);
		return body;
	}

	public static JsonNode create(TestApi api, ObjectNode body) {
		TestApi.Response r = api.post("/api/schedules", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json();
	}

	public static List<JsonNode> runs(TestApi api, String schedule) {
		TestApi.Response r = api.get("/api/schedules/" + schedule + "/runs?size=200");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<JsonNode> runs = new ArrayList<>();
		r.json().get("items").forEach(runs::add);
		return runs;
	}

	/** Completed backups of the connection. */
	public static List<JsonNode> completedBackups(TestApi api, String connection) {
		List<JsonNode> backups = new ArrayList<>();
		api.get("/api/backups?size=200&connectionId=" + connection).json().get("items").forEach(b -> {
			if ("COMPLETED".equals(b.get("status").asString())) {
				backups.add(b);
			}
		});
		return backups;
	}
}

package dev.steward.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import dev.steward.test.Datasets;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/** One engine's scratch target for the console tests: a registered connection and a way to look from outside. */
final class ConsoleTargets {

	enum Kind {
		POSTGRESQL, MARIADB, SQLITE
	}

	/** A scratch database registered as a connection; close to drop it. */
	record Target(Kind kind, String connectionId, @Nullable Scratch scratch, @Nullable Path file)
			implements AutoCloseable {

		/** The table and key of Chinook's tracks in this engine's spelling. */
		String tracksQuery() {
			return kind == Kind.POSTGRESQL ? "SELECT track_id, name FROM track ORDER BY track_id"
					: "SELECT TrackId, Name FROM Track ORDER BY TrackId";
		}

		String tracksTable() {
			return kind == Kind.POSTGRESQL ? "track" : "Track";
		}

		String begin() {
			return kind == Kind.MARIADB ? "START TRANSACTION" : "BEGIN";
		}

		/** A single value read from outside Steward, on a connection of the test's own. */
		long count(String table) throws Exception {
			try (Connection c = connect(); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
				rs.next();
				return rs.getLong(1);
			}
		}

		Connection connect() throws Exception {
			return kind == Kind.SQLITE ? DriverManager.getConnection("jdbc:sqlite:" + file) : scratch.connect();
		}

		@Override
		public void close() {
			if (scratch != null) {
				scratch.close();
			}
		}
	}

	private ConsoleTargets() {
	}

	static Target create(TestApi owner, Kind kind, Path dataDir, boolean chinook, boolean shared) throws Exception {
		String name = "console " + kind + " " + UUID.randomUUID();
		TestApi.Response created;
		Scratch scratch = null;
		Path file = null;
		switch (kind) {
			case POSTGRESQL -> {
				scratch = ScratchDatabases.postgres("sqlc");
				if (chinook) {
					Datasets.chinookPostgres(scratch);
				}
				created = owner.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
					.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + scratch.name())
					.put("shared", shared).toString());
			}
			case MARIADB -> {
				scratch = ScratchDatabases.mariadb("sqlc");
				if (chinook) {
					Datasets.chinookMariaDb(scratch);
				}
				created = owner.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
					.put("url", "mariadb://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/" + scratch.name())
					.put("shared", shared).toString());
			}
			default -> {
				Path dir = Files.createDirectories(dataDir.resolve("sqlite/console-" + UUID.randomUUID()));
				file = Datasets.chinookSqlite(dir);
				created = owner.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
					.put("engine", "SQLITE").put("filePath", file.toString()).put("shared", shared).toString());
			}
		}
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Target(kind, created.json().get("id").asString(), scratch, file);
	}

	/** Runs {@code sql} (on {@code session} when given) and waits for its end. */
	static JsonNode run(TestApi api, Target target, String sql, @Nullable String session) {
		JsonNode started = start(api, target, sql, session);
		return await(api, started.get("id").asString());
	}

	static JsonNode start(TestApi api, Target target, String sql, @Nullable String session) {
		var body = TestApi.JSON.createObjectNode().put("sql", sql);
		if (session != null) {
			body.put("sessionId", session);
		}
		TestApi.Response r = api.post("/api/connections/" + target.connectionId() + "/sql", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		assertThat(r.json().get("sessionId").asString()).isNotBlank();
		return r.json();
	}

	static JsonNode await(TestApi api, String execution) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			TestApi.Response r = api.get("/api/sql/executions/" + execution + "?waitMs=5000");
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			last[0] = r.json();
			return !"RUNNING".equals(last[0].get("status").asString());
		});
		return last[0];
	}

	/** Every row of result {@code index}: the first page, then {@code /rows} until there are no more. */
	static List<JsonNode> allRows(TestApi api, JsonNode execution, int index, int limit) {
		JsonNode result = execution.get("results").get(index);
		List<JsonNode> rows = new ArrayList<>();
		result.get("rows").forEach(rows::add);
		boolean more = result.get("hasMore").asBoolean();
		while (more) {
			TestApi.Response r = api.get("/api/sql/executions/" + execution.get("id").asString() + "/rows?result="
					+ index + "&offset=" + rows.size() + "&limit=" + limit);
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			r.json().get("rows").forEach(rows::add);
			more = r.json().get("hasMore").asBoolean();
			assertThat(r.json().get("rows").size() > 0 || !more).isTrue();
		}
		return rows;
	}
}

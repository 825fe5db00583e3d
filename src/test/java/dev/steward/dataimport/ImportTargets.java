package dev.steward.dataimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An empty scratch database per engine, registered as a connection, with the import calls the tests share. */
final class ImportTargets {

	enum Kind {
		POSTGRESQL, MARIADB, SQLITE
	}

	/** The table every CSV test imports into. */
	static final String PEOPLE_PG = "CREATE TABLE people (id integer PRIMARY KEY, name varchar(100) NOT NULL, note text, "
			+ "score numeric(10,2))";

	record Target(Kind kind, String connectionId, String database, String schema, @Nullable Scratch scratch,
			@Nullable Path file) implements AutoCloseable {

		Connection connect() throws Exception {
			return kind == Kind.SQLITE ? DriverManager.getConnection("jdbc:sqlite:" + file) : scratch.connect();
		}

		void exec(String... sql) throws Exception {
			try (Connection c = connect(); Statement s = c.createStatement()) {
				for (String statement : sql) {
					s.execute(statement);
				}
			}
		}

		long count(String table) throws Exception {
			try (Connection c = connect(); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
				rs.next();
				return rs.getLong(1);
			}
		}

		/** Rows of {@code sql}, every value as a string (null stays null). */
		List<List<@Nullable String>> rows(String sql) throws Exception {
			List<List<@Nullable String>> rows = new ArrayList<>();
			try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
				int n = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					List<@Nullable String> row = new ArrayList<>();
					for (int i = 1; i <= n; i++) {
						row.add(rs.getString(i));
					}
					rows.add(row);
				}
			}
			return rows;
		}

		/** Creates the people table in this engine's spelling. */
		void createPeople() throws Exception {
			exec(switch (kind) {
				case MARIADB -> "CREATE TABLE people (id integer PRIMARY KEY, name varchar(100) NOT NULL, note text, "
						+ "score numeric(10,2)) CHARACTER SET utf8mb4";
				default -> PEOPLE_PG;
			});
		}

		String base() {
			return "/api/connections/" + connectionId + "/imports";
		}

		@Override
		public void close() {
			if (scratch != null) {
				scratch.close();
			}
		}
	}

	private ImportTargets() {
	}

	static Target create(TestApi owner, Kind kind, Path dataDir) throws Exception {
		String name = "import " + kind + " " + UUID.randomUUID();
		TestApi.Response created;
		Scratch scratch = null;
		Path file = null;
		String database;
		String schema;
		switch (kind) {
			case POSTGRESQL -> {
				scratch = ScratchDatabases.postgres("imp");
				created = owner.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
					.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + scratch.name())
					.put("shared", true).toString());
				database = scratch.name();
				schema = "public";
			}
			case MARIADB -> {
				scratch = ScratchDatabases.mariadb("imp");
				created = owner.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
					.put("url", "mariadb://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/" + scratch.name())
					.put("shared", true).toString());
				database = scratch.name();
				schema = scratch.name();
			}
			default -> {
				Path dir = Files.createDirectories(dataDir.resolve("sqlite/import-" + UUID.randomUUID()));
				file = dir.resolve("import.db");
				try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
						Statement s = c.createStatement()) {
					s.execute("CREATE TABLE placeholder (x integer)"); // the file must exist to be registered
				}
				created = owner.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
					.put("engine", "SQLITE").put("filePath", file.toString()).put("shared", true).toString());
				database = "main";
				schema = "main";
			}
		}
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Target(kind, created.json().get("id").asString(), database, schema, scratch, file);
	}

	static String upload(TestApi api, Target target, String name, String content) {
		TestApi.Response r = api.upload(target.base() + "/uploads?name=" + name,
				HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	static JsonNode preview(TestApi api, Target target, String uploadId, String table) {
		TestApi.Response r = api.post(target.base() + "/uploads/" + uploadId + "/preview", TestApi.JSON.createObjectNode()
			.put("database", target.database()).put("schema", target.schema()).put("table", table).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	/** Starts a CSV import with the options and mapping the preview suggested; answers the started job. */
	static JsonNode startCsv(TestApi api, Target target, String uploadId, String table, JsonNode preview) {
		ObjectNode body = TestApi.JSON.createObjectNode().put("kind", "CSV").put("uploadId", uploadId)
			.put("database", target.database()).put("schema", target.schema()).put("table", table);
		body.set("csv", preview.get("options"));
		body.set("mapping", preview.get("suggestedMapping"));
		TestApi.Response r = api.post(target.base(), body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		return r.json();
	}

	static JsonNode startSql(TestApi api, Target target, String uploadId) {
		TestApi.Response r = api.post(target.base(), TestApi.JSON.createObjectNode().put("kind", "SQL")
			.put("uploadId", uploadId).put("database", target.kind() == Kind.SQLITE ? null : target.database())
			.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		return r.json();
	}

	/** Waits for the job and answers its import result. */
	static JsonNode finish(TestApi api, Target target, JsonNode job) {
		JobsTesting.awaitJob(api, job.get("id").asString());
		TestApi.Response r = api.get(target.base() + "/" + job.get("id").asString());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}
}

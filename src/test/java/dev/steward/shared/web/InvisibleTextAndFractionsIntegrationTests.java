package dev.steward.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Names that render differently from what they hold (a right-to-left override turning "gpj.exe" into
 * "exe.jpg", zero-width characters making two equal-looking names differ) and numbers silently cut to an
 * integer are refused with 400 naming the field, wherever a user types a name, label, tag, path or username.
 */
@IntegrationTest
class InvisibleTextAndFractionsIntegrationTests {

	@LocalServerPort
	int port;

	TestApi api;

	@Value("${steward.data-dir}")
	Path dataDir;

	/** backup id and its SQLite connection id, made once for the whole class */
	static String[] sqliteBackup;

	@BeforeEach
	void setUp() throws Exception {
		api = TestApi.admin(port);
		if (sqliteBackup == null) {
			Path dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("bidi-" + UUID.randomUUID()));
			Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"),
					dir.resolve("chinook.sqlite"));
			TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "bidi " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", db.toString()).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String connection = created.json().get("id").asString();
			TestApi.Response started = api.post("/api/backups", TestApi.JSON.createObjectNode()
				.put("connectionId", connection).put("kind", "FULL").toString());
			assertThat(started.status()).as(started.body()).isEqualTo(202);
			String id = started.json().get("id").asString();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> "COMPLETED".equals(api.get("/api/backups/" + id).json().get("status").asString()));
			sqliteBackup = new String[] { id, connection };
		}
	}

	@ParameterizedTest(name = "U+{0}")
	@ValueSource(strings = { "202E", "202A", "202B", "202C", "202D", "200E", "200F", "2066", "2067", "2068", "2069",
			"061C", "200B", "2060", "FEFF", "00AD" })
	void bidiControlsAndInvisibleFormatCharactersAreRefusedEverywhere(String hex) {
		String c = Character.toString(Integer.parseInt(hex, 16));
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Function<String, ObjectNode> pg = name -> TestApi.JSON.createObjectNode().put("name", name)
			.put("engine", "POSTGRESQL").put("host", "127.0.0.1");

		refused("/api/connections", pg.apply("invoice" + c + "gpj.exe " + unique), "name");
		refused("/api/connections", pg.apply("ok " + unique).put("description", "line one\nline" + c + " two"),
				"description");
		refused("/api/connections", pg.apply("ok " + unique).put("host", "db" + c + ".example"), "host");
		refused("/api/connections", pg.apply("ok " + unique).put("database", "shop" + c), "database");
		refused("/api/connections", pg.apply("ok " + unique).put("username", "ad" + c + "min"), "username");
		ObjectNode tagged = pg.apply("ok " + unique);
		tagged.putArray("tags").add("prod" + c);
		refused("/api/connections", tagged, "tags");
		refused("/api/connections", TestApi.JSON.createObjectNode().put("name", "file " + unique).put("engine", "SQLITE")
			.put("filePath", "/tmp/a" + c + ".sqlite"), "filePath");
		refused("/api/connections", TestApi.JSON.createObjectNode().put("name", "url " + unique)
			.put("url", "postgresql://u@127.0.0.1:5432/db" + c), "url");
		refused("/api/tokens", TestApi.JSON.createObjectNode().put("name", "ci" + c), "name");
		refused("/api/users", TestApi.JSON.createObjectNode().put("username", "bob" + c + unique)
			.put("password", "long-enough-password-1").put("role", "VIEWER"), "username");
		ObjectNode backup = TestApi.JSON.createObjectNode().put("connectionId", UUID.randomUUID().toString());
		backup.putArray("includeTables").add("public.orders" + c);
		refused("/api/backups", backup, "includeTables[0]");
		// a restore checks the right to write into its target before the body, so it needs a real backup and target
		refused("/api/backups/" + sqliteBackup[0] + "/restore", TestApi.JSON.createObjectNode()
			.put("targetConnectionId", sqliteBackup[1]).put("newDatabase", true).put("database", "copy" + c)
			.put("confirm", "copy" + c), "database");
		TestApi anonymous = TestApi.anonymous(port);
		TestApi.Response login = anonymous.post("/api/auth/login",
				TestApi.JSON.createObjectNode().put("username", "admin" + c).put("password", "x").toString());
		assertThat(login.status()).as(login.body()).isEqualTo(400);
		assertThat(fields(login)).contains("username");
	}

	@Test
	void ordinaryNonAsciiTextStillPasses() {
		// joiners are part of emoji sequences and of Persian and Indic words: allowed in free text
		ObjectNode body = TestApi.JSON.createObjectNode().put("name", "Ünïcode 数据库 مخزن " + UUID.randomUUID())
			.put("engine", "POSTGRESQL").put("host", "127.0.0.1").put("username", "postgres")
			.put("description", "می\u200Cخواهم 👩\u200D💻\ttabbed\nnext line");
		TestApi.Response r = api.post("/api/connections", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(api.post("/api/tokens", "{\"name\":\"jeton № 1 " + UUID.randomUUID() + "\"}").status()).isEqualTo(201);
	}

	@Test
	void fractionalNumbersAreRefusedForIntegerFieldsInsteadOfTruncated() {
		refused("/api/connections", TestApi.JSON.createObjectNode().put("name", "frac " + UUID.randomUUID())
			.put("engine", "POSTGRESQL").put("host", "127.0.0.1").put("port", 5432.5), "port");
		refused("/api/connections", TestApi.JSON.createObjectNode().put("name", "frac " + UUID.randomUUID())
			.put("engine", "POSTGRESQL").put("host", "127.0.0.1").put("port", 1.5), "port");
		refused("/api/tokens", TestApi.JSON.createObjectNode().put("name", "frac " + UUID.randomUUID())
			.put("expiresInDays", 1.5), "expiresInDays");
		ObjectNode level = TestApi.JSON.createObjectNode().put("connectionId", UUID.randomUUID().toString())
			.put("compressionLevel", 3.7);
		refused("/api/backups", level, "compressionLevel");
		// whole numbers stay whole numbers
		TestApi.Response ok = api.post("/api/tokens", TestApi.JSON.createObjectNode()
			.put("name", "whole " + UUID.randomUUID()).put("expiresInDays", 2).toString());
		assertThat(ok.status()).as(ok.body()).isEqualTo(201);
	}

	private void refused(String path, ObjectNode body, String field) {
		TestApi.Response r = api.post(path, body.toString());
		assertThat(r.status()).as(path + " " + body + " -> " + r.body()).isEqualTo(400);
		assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
				t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(fields(r)).as(path + " " + body + " -> " + r.body()).contains(field);
	}

	private static List<String> fields(TestApi.Response r) {
		List<String> fields = new ArrayList<>();
		JsonNode errors = r.json().get("errors");
		if (errors != null) {
			errors.forEach(e -> fields.add(e.get("field").asString()));
		}
		return fields;
	}
}

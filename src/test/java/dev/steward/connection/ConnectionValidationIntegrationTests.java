package dev.steward.connection;

import static dev.steward.connection.ConnectionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ConnectionValidationIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	TestApi api;

	Path file;

	@BeforeEach
	void setUp() throws IOException {
		api = TestApi.admin(port);
		file = Files.copy(ConnectionTesting.chinook(), dataDir.resolve("sqlite/val-" + UUID.randomUUID() + ".sqlite"));
	}

	private ObjectNode valid() {
		return json().put("name", "valid " + UUID.randomUUID()).put("engine", "POSTGRESQL").put("host", "127.0.0.1")
			.put("username", "postgres");
	}

	/** POSTs the body; it must be refused with 400 naming {@code field}, and nothing may be stored. */
	private void refused(String body, String field) {
		String before = api.get("/api/connections").body();
		TestApi.Response r = api.post("/api/connections", body);
		assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		for (JsonNode error : r.json().get("errors")) {
			fields.add(error.get("field").asString());
		}
		assertThat(fields).as(r.body()).contains(field);
		assertThat(api.get("/api/connections").body()).isEqualTo(before);
	}

	@Test
	void theValidBaselineIsAccepted() {
		assertThat(api.post("/api/connections", valid().toString()).status()).isEqualTo(201);
	}

	@Test
	void nameIsRequiredAndBounded() {
		refused(valid().put("name", "   ").toString(), "name");
		refused(valid().remove(List.of("name")).toString(), "name");
		refused(valid().put("name", "x".repeat(101)).toString(), "name");
	}

	@Test
	void portMustBeAPortNumber() {
		refused(valid().put("port", 0).toString(), "port");
		refused(valid().put("port", 65536).toString(), "port");
		refused(valid().put("port", "abc").toString(), "port");
	}

	@Test
	void engineMustBeKnown() {
		refused(valid().put("engine", "ORACLE").toString(), "engine");
		refused(json().put("name", "no engine").put("host", "h").toString(), "engine");
	}

	@Test
	void urlMustBeUnderstoodAndNotMixedWithFields() {
		refused(json().put("name", "bad url").put("url", "oracle://scott@db/orcl").toString(), "url");
		refused(json().put("name", "bad url").put("url", "postgresql://h:99999/db").toString(), "url");
		refused(json().put("name", "bad url").put("url", "postgresql://h/db?sslmode=maybe").toString(), "url");
		refused(json().put("name", "mixed").put("url", "postgresql://h/db").put("host", "other").toString(), "host");
		refused(json().put("name", "mixed").put("url", "postgresql://h/db").put("engine", "POSTGRESQL").toString(),
				"engine");
	}

	@Test
	void sqlitePathsStayInsideTheAllowedDirectories() {
		ObjectNode outside = json().put("name", "etc").put("engine", "SQLITE").put("filePath", "/etc/passwd");
		refused(outside.toString(), "filePath");
		refused(json().put("name", "dots").put("engine", "SQLITE")
			.put("filePath", dataDir.resolve("../../etc/passwd").toString()).toString(), "filePath");
		refused(json().put("name", "relative").put("engine", "SQLITE").put("filePath", "chinook.sqlite").toString(),
				"filePath");
		refused(json().put("name", "via url").put("url", "jdbc:sqlite:/etc/passwd").toString(), "url");
	}

	@Test
	void sqliteSymlinkOutOfTheDataDirIsRefused() throws IOException {
		Path link = dataDir.resolve("sqlite/link-" + UUID.randomUUID());
		Files.createSymbolicLink(link, Path.of("/etc"));
		refused(json().put("name", "symlink").put("engine", "SQLITE").put("filePath", link.resolve("passwd").toString())
			.toString(), "filePath");
	}

	@Test
	void controlCharactersAndHugeStringsAreRefused() {
		refused(valid().put("name", "nul\u0000byte").toString(), "name");
		refused(valid().put("host", "bad\nhost").toString(), "host");
		refused(valid().put("username", "bell\u0007").toString(), "username");
		refused(valid().put("description", "x".repeat(10_001)).toString(), "description");
		refused(valid().put("password", "p".repeat(10_001)).toString(), "password");
	}

	@Test
	void shellMetacharactersAreJustData() {
		String name = "`rm -rf /`; $(reboot) | & > < 'quoted' \"double\"";
		TestApi.Response r = api.post("/api/connections",
				valid().put("name", name).put("database", "db;drop table x").put("password", "$(id)`id`").toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().get("name").asString()).isEqualTo(name);
		assertThat(r.json().get("database").asString()).isEqualTo("db;drop table x");
		// not left behind: its name sorts first, and later tests' pages would try its unreachable database
		assertThat(api.delete("/api/connections/" + r.json().get("id").asString()).status()).isEqualTo(204);
	}

	@Test
	void tagsAndColourFollowTheirRules() {
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			many.add("t" + i);
		}
		ObjectNode tooMany = valid();
		many.forEach(tooMany.putArray("tags")::add);
		refused(tooMany.toString(), "tags");
		ObjectNode badTag = valid();
		badTag.putArray("tags").add("ok").add("no/slash");
		refused(badTag.toString(), "tags");
		ObjectNode longTag = valid();
		longTag.putArray("tags").add("x".repeat(41));
		refused(longTag.toString(), "tags");
		refused(valid().put("colour", "red").toString(), "colour");
		refused(valid().put("colour", "#12345g").toString(), "colour");
	}

	@Test
	void unknownFieldsAreRefused() {
		refused(valid().put("passwd", "x").toString(), "passwd");
	}

	@Test
	void caCertificateMustBePem() {
		refused(valid().put("sslMode", "VERIFY_CA").put("caCertificate", "not a certificate").toString(),
				"caCertificate");
	}

	@Test
	void unsavedTestValidatesToo() {
		TestApi.Response r = api.post("/api/connections/test", json().put("engine", "SQLITE")
			.put("filePath", "/etc/passwd").toString());
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("filePath");
	}

	@Test
	void updatesAreValidatedAndLeaveTheConnectionAlone() {
		ObjectNode body = json().put("name", "to edit " + UUID.randomUUID()).put("engine", "SQLITE")
			.put("filePath", file.toString());
		String id = api.post("/api/connections", body.toString()).json().get("id").asString();
		String before = api.get("/api/connections/" + id).body();
		TestApi.Response r = api.put("/api/connections/" + id, body.deepCopy().put("filePath", "/etc/passwd").toString());
		assertThat(r.status()).isEqualTo(400);
		assertThat(api.get("/api/connections/" + id).body()).isEqualTo(before);
		assertThat(api.patch("/api/connections/" + id, "{}").status()).isEqualTo(400);
	}
}

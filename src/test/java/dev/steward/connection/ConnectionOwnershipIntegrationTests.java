package dev.steward.connection;

import static dev.steward.connection.ConnectionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ConnectionOwnershipIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	TestUser alice;

	TestUser bob;

	TestUser viewer;

	Path file;

	@BeforeEach
	void users() throws IOException {
		alice = TestUsers.create(port, "OPERATOR");
		bob = TestUsers.create(port, "OPERATOR");
		viewer = TestUsers.create(port, "VIEWER");
		file = Files.copy(ConnectionTesting.chinook(), dataDir.resolve("sqlite/own-" + UUID.randomUUID() + ".sqlite"));
	}

	private ObjectNode body(String name, boolean shared) {
		return json().put("name", name).put("engine", "SQLITE").put("filePath", file.toString()).put("shared", shared);
	}

	private static String create(TestApi api, ObjectNode body) {
		TestApi.Response r = api.post("/api/connections", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	@Test
	void privateConnectionIsInvisibleToAnotherOperatorEverywhere() {
		TestApi a = alice.login(port);
		TestApi b = bob.login(port);
		String id = create(a, body("alice private", false));
		String path = "/api/connections/" + id;

		assertThat(b.get(path).status()).isEqualTo(404);
		assertThat(b.put(path, body("taken over", false).toString()).status()).isEqualTo(404);
		assertThat(b.patch(path, "{\"active\":false}").status()).isEqualTo(404);
		assertThat(b.post(path + "/test", null).status()).isEqualTo(404);
		assertThat(b.delete(path).status()).isEqualTo(404);
		assertThat(b.get("/api/connections").body()).doesNotContain(id);
		assertThat(viewer.login(port).get(path).status()).isEqualTo(404);

		// untouched, and the owner still has it
		TestApi.Response own = a.get(path);
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("name").asString()).isEqualTo("alice private");
		assertThat(own.json().get("active").asBoolean()).isTrue();
		assertThat(own.json().get("editable").asBoolean()).isTrue();
	}

	@Test
	void sharedConnectionIsVisibleToAllButEditableOnlyByOwnerAndAdmin() {
		TestApi a = alice.login(port);
		TestApi b = bob.login(port);
		String id = create(a, body("alice shared", true));
		String path = "/api/connections/" + id;

		TestApi.Response seen = b.get(path);
		assertThat(seen.status()).isEqualTo(200);
		assertThat(seen.json().get("editable").asBoolean()).isFalse();
		assertThat(seen.json().get("owner").get("username").asString()).isEqualTo(alice.username());
		assertThat(b.get("/api/connections").body()).contains(id);
		assertThat(b.post(path + "/test", null).json().get("success").asBoolean()).isTrue();
		assertThat(b.put(path, body("bob was here", true).toString()).status()).isEqualTo(403);
		assertThat(b.patch(path, "{\"active\":false}").status()).isEqualTo(403);
		assertThat(b.delete(path).status()).isEqualTo(403);

		TestApi v = viewer.login(port);
		assertThat(v.get(path).status()).isEqualTo(200);
		assertThat(v.get(path).json().get("editable").asBoolean()).isFalse();

		TestApi admin = TestApi.admin(port);
		assertThat(admin.put(path, body("renamed by admin", true).toString()).status()).isEqualTo(200);
		assertThat(a.get(path).json().get("name").asString()).isEqualTo("renamed by admin");
		assertThat(a.get(path).json().get("owner").get("username").asString()).isEqualTo(alice.username());
	}

	@Test
	void adminSeesAndManagesEveryConnection() {
		TestApi a = alice.login(port);
		String id = create(a, body("alice secret project", false));
		TestApi admin = TestApi.admin(port);
		assertThat(admin.get("/api/connections").body()).contains(id);
		assertThat(admin.get("/api/connections/" + id).json().get("editable").asBoolean()).isTrue();
		assertThat(admin.patch("/api/connections/" + id, "{\"active\":false}").status()).isEqualTo(200);
		assertThat(admin.delete("/api/connections/" + id).status()).isEqualTo(204);
		assertThat(a.get("/api/connections/" + id).status()).isEqualTo(404);
	}

	@Test
	void viewerMayOnlyRead() {
		TestApi a = alice.login(port);
		String id = create(a, body("shared for viewers", true));
		String path = "/api/connections/" + id;
		TestApi v = viewer.login(port);
		assertThat(v.get("/api/connections").status()).isEqualTo(200);
		assertThat(v.get("/api/connections/engines").status()).isEqualTo(200);
		assertThat(v.post("/api/connections", body("viewer's", false).toString()).status()).isEqualTo(403);
		assertThat(v.put(path, body("viewer edit", true).toString()).status()).isEqualTo(403);
		assertThat(v.patch(path, "{\"active\":false}").status()).isEqualTo(403);
		assertThat(v.delete(path).status()).isEqualTo(403);
		assertThat(v.post(path + "/test", null).status()).isEqualTo(403);
		assertThat(v.post("/api/connections/test", body("t", false).toString()).status()).isEqualTo(403);
		assertThat(a.get(path).json().get("name").asString()).isEqualTo("shared for viewers");
	}

	@Test
	void namesAreUniquePerOwner() {
		TestApi a = alice.login(port);
		TestApi b = bob.login(port);
		create(a, body("same name", false));
		assertThat(a.post("/api/connections", body("same name", false).toString()).status()).isEqualTo(409);
		create(b, body("same name", false));
	}
}

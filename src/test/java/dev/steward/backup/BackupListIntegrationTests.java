package dev.steward.backup;

import static dev.steward.backup.BackupsIntegrationTests.awaitFinished;
import static dev.steward.backup.BackupsIntegrationTests.createConnection;
import static dev.steward.backup.BackupsIntegrationTests.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/** The backup list is paged, newest first, and only ever counts what the caller may see. */
@IntegrationTest
class BackupListIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void pagesNewestFirstAndCountsOnlyVisibleBackups() throws Exception {
		var owner = TestUsers.create(port, "OPERATOR");
		var other = TestUsers.create(port, "OPERATOR");
		TestApi ownerApi = owner.login(port);
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"),
				dataDir.resolve("sqlite/paging-" + UUID.randomUUID() + ".sqlite"));
		String connection = createConnection(ownerApi, "paging " + UUID.randomUUID(), db.toString());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(0, awaitFinished(ownerApi, start(ownerApi, connection, "SCHEMA").get("id").asString()).get("id")
				.asString());
		}

		JsonNode first = ownerApi.get("/api/backups?connectionId=" + connection + "&size=2&page=0").json();
		assertThat(first.get("totalElements").asLong()).isEqualTo(3);
		assertThat(first.get("totalPages").asInt()).isEqualTo(2);
		assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
		JsonNode second = ownerApi.get("/api/backups?connectionId=" + connection + "&size=2&page=1").json();
		assertThat(ids(second)).containsExactly(ids.get(2));

		TestApi otherApi = other.login(port);
		assertThat(otherApi.get("/api/backups?connectionId=" + connection).status()).isEqualTo(404);
		JsonNode othersView = otherApi.get("/api/backups?size=200").json();
		assertThat(ids(othersView)).doesNotContainAnyElementsOf(ids);
		JsonNode adminView = TestApi.admin(port).get("/api/backups?connectionId=" + connection).json();
		assertThat(adminView.get("totalElements").asLong()).isEqualTo(3);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}
}

package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * The web app shows what an engine can do from the flags GET /api/connections/engines publishes, not from its
 * name: a PostgreSQL connection offers table filters when backing up and parallel jobs when restoring; a SQLite
 * one offers neither.
 */
@IntegrationTest
class EngineFlagsBrowserTests extends BrowserSupport {

	@Value("${steward.data-dir}")
	Path dataDir;

	private final List<String> connections = new ArrayList<>();

	@AfterEach
	void removeConnections() {
		TestApi admin = TestApi.admin(port);
		for (String id : connections) {
			for (JsonNode b : admin.get("/api/backups?connectionId=" + id + "&size=200").json().get("items")) {
				admin.delete("/api/backups/" + b.get("id").asString() + "?confirm=" + b.get("fileName").asString());
			}
			admin.delete("/api/connections/" + id);
		}
	}

	@Test
	void tableFiltersAndParallelJobsFollowTheEnginesFlags() throws Exception {
		TestApi admin = TestApi.admin(port);
		JsonNode engines = admin.get("/api/connections/engines").json();
		assertThat(flag(engines, "POSTGRESQL", "dumpTableFilters")).isTrue();
		assertThat(flag(engines, "POSTGRESQL", "parallelRestore")).isTrue();
		assertThat(flag(engines, "SQLITE", "dumpTableFilters")).isFalse();
		assertThat(flag(engines, "SQLITE", "parallelRestore")).isFalse();

		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_flags")) {
			db.exec("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			String pgName = "Flags PG " + suffix;
			String sqliteName = "Flags SQLite " + suffix;
			String pg = create(admin, TestApi.JSON.createObjectNode().put("name", pgName)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()));
			Path file = Files.copy(chinook(), dataDir.resolve("sqlite/flags-" + suffix + ".sqlite"));
			String sqlite = create(admin, TestApi.JSON.createObjectNode().put("name", sqliteName).put("engine", "SQLITE")
				.put("filePath", file.toString()));
			backUp(admin, pg);
			backUp(admin, sqlite);

			loginAsAdmin();
			Locator dialog = openCreateBackup(pgName);
			assertThat(dialog.getByTestId("backup-table-filters")).isVisible();
			assertThat(dialog.getByLabel("Only these tables")).hasAttribute("placeholder", "public.orders, public.items");
			screenshot("postgres-backup-filters");
			page.keyboard().press("Escape");
			assertThat(dialog).isHidden();

			dialog = openCreateBackup(sqliteName);
			assertThat(dialog.getByLabel("What to back up")).isVisible();
			assertThat(dialog.getByTestId("backup-table-filters")).hasCount(0);
			screenshot("sqlite-backup-no-filters");
			page.keyboard().press("Escape");
			assertThat(dialog).isHidden();

			Locator restore = openRestore(pg);
			assertThat(restore.getByLabel("Parallel jobs")).isVisible();
			screenshot("postgres-restore-jobs");
			page.keyboard().press("Escape");
			assertThat(restore).isHidden();

			restore = openRestore(sqlite);
			assertThat(restore.getByTestId("restore-impact")).isVisible();
			assertThat(restore.getByLabel("Parallel jobs")).hasCount(0);
			assertThat(restore.getByLabel("Database file name")).isVisible();
			screenshot("sqlite-restore-no-jobs");
			assertNoConsoleErrors();
		}
	}

	private Locator openCreateBackup(String connectionName) {
		navigate("Connections");
		page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(connectionName))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Back up " + connectionName))
			.click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		assertThat(dialog.getByLabel("Connection")).containsText(connectionName);
		return dialog;
	}

	private Locator openRestore(String connectionId) {
		page.navigate("/backups?connection=" + connectionId);
		Locator row = page.getByTestId("backup-row").first();
		assertThat(row).hasAttribute("data-status", "COMPLETED");
		assertThat(page.getByRole(AriaRole.MENU)).hasCount(0);
		row.getByTestId("backup-actions").click();
		page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Restore…")).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		assertThat(dialog.getByLabel("Backup summary")).isVisible();
		return dialog;
	}

	private String create(TestApi admin, tools.jackson.databind.node.ObjectNode body) {
		TestApi.Response r = admin.post("/api/connections", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String id = r.json().get("id").asString();
		connections.add(id);
		return id;
	}

	private static void backUp(TestApi admin, String connectionId) {
		TestApi.Response r = admin.post("/api/backups",
				TestApi.JSON.createObjectNode().put("connectionId", connectionId).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		String id = r.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
				assertThat(admin.get("/api/backups/" + id).json().get("status").asString()).isEqualTo("COMPLETED"));
	}

	private static boolean flag(JsonNode engines, String engine, String flag) {
		return engines.valueStream().filter(e -> e.get("engine").asString().equals(engine)).findFirst().orElseThrow()
			.get(flag).asBoolean();
	}

	private static Path chinook() {
		Path base = Path.of(System.getProperty("steward.datasets", "../shared/datasets"));
		if (!Files.isDirectory(base)) {
			base = Path.of("/work/shared/datasets");
		}
		return base.resolve("chinook").resolve("Chinook_Sqlite.sqlite");
	}
}

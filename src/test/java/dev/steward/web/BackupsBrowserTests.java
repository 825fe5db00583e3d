package dev.steward.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.steward.test.BrowserSupport;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The Backups page against the real server and the machine's PostgreSQL: back up from the UI (watching the live
 * progress while a lock holds the dump back), download, verify with a test restore, restore into a new database,
 * cancel and delete; a viewer sees the list without any of those controls.
 */
@IntegrationTest
class BackupsBrowserTests extends BrowserSupport {

	private String connectionId;

	@AfterEach
	void removeConnection() {
		if (connectionId != null) {
			TestApi admin = TestApi.admin(port);
			for (JsonNode b : admin.get("/api/backups?connectionId=" + connectionId + "&size=200").json().get("items")) {
				admin.delete("/api/backups/" + b.get("id").asString() + "?confirm=" + b.get("fileName").asString());
			}
			admin.delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void backUpWatchDownloadVerifyRestoreCancelAndDelete() throws Exception {
		String restored = ScratchDatabases.uniqueName("web_restored");
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_backup"); Connection locker = db.connect()) {
			db.exec("CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL)",
					"INSERT INTO customer SELECT g, 'customer ' || g FROM generate_series(1, 250) g",
					"CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customer, total numeric(10,2))",
					"INSERT INTO orders SELECT g, 1 + g % 250, g * 1.25 FROM generate_series(1, 1200) g");
			String name = "Shop " + UUID.randomUUID().toString().substring(0, 8);
			connectionId = createConnection(name, db.name(), false);

			loginAsAdmin();
			page.navigate("/backups?connection=" + connectionId);
			assertThat(page.getByText("No backups of " + name + " yet")).isVisible();
			screenshot("empty");
			navigate("Connections");
			// the card's own "Back up" action opens the dialog with this connection chosen
			page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name))
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Back up " + name))
				.click();
			assertThat(page).hasURL(Pattern.compile("/backups\\?connection=" + connectionId));
			Locator dialog = page.getByRole(AriaRole.DIALOG);
			assertThat(dialog.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Create backup"))).isVisible();
			assertThat(dialog.getByLabel("Connection")).containsText(name);
			assertThat(dialog.getByRole(AriaRole.SWITCH, new Locator.GetByRoleOptions().setName(Pattern.compile("Encrypt"))))
				.hasAttribute("aria-checked", "true");
			assertThat(dialog.getByLabel("Level")).hasValue("3");
			screenshot("create-dialog");

			// a lock holds pg_dump back, so the run stays visibly in progress until it is released
			locker.setAutoCommit(false);
			try (Statement s = locker.createStatement()) {
				s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
			}
			Locator row;
			try {
				dialog.getByTestId("start-backup").click();
				assertThat(dialog).isHidden();
				row = page.getByTestId("backup-row").first();
				assertThat(row).hasAttribute("data-status", "IN_PROGRESS");
				assertThat(row.getByTestId("backup-status")).hasText("In progress");
				assertThat(row.getByTestId("backup-progress")).isVisible();
				assertThat(row.getByRole(AriaRole.PROGRESSBAR)).isVisible();
				screenshot("in-progress");
			}
			finally {
				locker.rollback();
			}
			assertThat(row).hasAttribute("data-status", "COMPLETED", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
			assertThat(row.getByTestId("backup-status")).hasText("Completed");
			assertThat(page.getByText("Backup of " + name + " completed")).isVisible();
			String fileName = row.getAttribute("data-file");
			assertThat(fileName).endsWith(".pgdump.zst.stwenc");
			screenshot("completed");

			// download the plain dump: a pg_restore archive
			openActions(row);
			Download download = page.waitForDownload(() -> page.getByRole(AriaRole.MENUITEM,
					new Page.GetByRoleOptions().setName("Download dump")).click());
			assertThat(download.failure()).isNull();
			assertThat(download.suggestedFilename()).endsWith(".pgdump");
			Path dump = download.path();
			assertThat(Files.size(dump)).isGreaterThan(1000);
			try (var in = Files.newInputStream(dump)) {
				assertThat(new String(in.readNBytes(5), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
			}

			// verify with a test restore: every check green, both tables matched
			openActions(row);
			page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Verify…")).click();
			Locator verify = page.getByRole(AriaRole.DIALOG);
			verify.getByLabel("Also do a test restore").check();
			verify.getByTestId("run-verify").click();
			Locator result = verify.getByTestId("verify-result");
			assertThat(result).hasAttribute("data-ok", "true", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
			assertThat(result).containsText("The backup is sound");
			assertThat(result.locator("[data-check=ok]")).hasCount(4);
			assertThat(result.locator("[data-match=true]")).hasCount(2);
			assertThat(result.getByText("public.orders")).isVisible();
			screenshot("verified");
			verify.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
			assertThat(verify).isHidden();

			// restore into a new database, confirmed by typing its name
			openActions(row);
			page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Restore…")).click();
			Locator restore = page.getByRole(AriaRole.DIALOG);
			assertThat(restore.getByLabel("Backup summary")).containsText(name);
			assertThat(restore.getByLabel("Backup summary")).containsText("2 tables");
			assertThat(restore.getByLabel("Restore into a new database")).hasAttribute("aria-checked", "true");
			assertThat(restore.getByTestId("restore-impact")).hasAttribute("data-overwrites", "false");
			// over an existing database the dialog warns in red
			restore.getByLabel("Restore into a new database").click();
			assertThat(restore.getByTestId("restore-impact")).hasAttribute("data-overwrites", "true");
			// nothing is preselected for overwriting, not even the source database: the user names it
			assertThat(restore.getByLabel("Database", new Locator.GetByLabelOptions().setExact(true))).hasValue("");
			assertThat(restore.getByTestId("start-restore")).isDisabled();
			screenshot("restore-overwrite-warning");
			restore.getByLabel("Restore into a new database").click();
			assertThat(restore.getByLabel("Database", new Locator.GetByLabelOptions().setExact(true)))
				.hasValue(Pattern.compile("_restored_"));
			restore.getByLabel("Database", new Locator.GetByLabelOptions().setExact(true)).fill(restored);
			Locator start = restore.getByTestId("start-restore");
			assertThat(start).isDisabled();
			restore.getByLabel(Pattern.compile("^Type .* to confirm")).fill(restored.substring(0, 5));
			assertThat(start).isDisabled();
			restore.getByLabel(Pattern.compile("^Type .* to confirm")).fill(restored);
			assertThat(start).isEnabled();
			screenshot("restore-dialog");
			start.click();
			Locator restoreResult = restore.getByTestId("restore-result");
			assertThat(restoreResult).containsText("Restored into " + restored, new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
			assertThat(restoreResult).containsText("2 tables");
			assertThat(restoreResult).containsText("1,450 rows");
			screenshot("restored");
			assertThat(count(restored, "orders")).isEqualTo(1200);
			assertThat(count(restored, "customer")).isEqualTo(250);
			restore.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close").setExact(true)).first().click();
			assertThat(restore).isHidden();

			// a second run, cancelled while the lock holds it back
			page.getByTestId("create-backup").click();
			try (Statement s = locker.createStatement()) {
				s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
			}
			Locator second;
			try {
				page.getByRole(AriaRole.DIALOG).getByTestId("start-backup").click();
				second = page.locator("[data-testid=backup-row][data-status=IN_PROGRESS]");
				assertThat(second).hasCount(1);
				openActions(second);
				page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Cancel backup")).click();
				assertThat(page.getByText("Backup of " + name + " cancelled")).isVisible();
			}
			finally {
				locker.rollback();
			}
			Locator cancelled = page.locator("[data-testid=backup-row][data-status=CANCELLED]");
			assertThat(cancelled).hasCount(1);
			cancelled.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show the reason")).click();
			assertThat(page.getByTestId("backup-error")).containsText("Cancelled by admin");
			screenshot("cancelled");

			// delete the completed one, typing its file name
			Locator completed = page.locator("[data-testid=backup-row][data-status=COMPLETED]");
			openActions(completed);
			page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Delete…")).click();
			Locator confirm = page.getByRole(AriaRole.ALERTDIALOG);
			assertThat(confirm.getByTestId("confirm-delete-backup")).isDisabled();
			confirm.getByLabel("Type the file name to confirm:").fill(fileName);
			screenshot("confirm-delete");
			confirm.getByTestId("confirm-delete-backup").click();
			assertThat(confirm).isHidden();
			assertThat(page.getByText("Backup deleted")).isVisible();
			assertThat(completed).hasCount(0);
			assertThat(page.getByTestId("backup-row")).hasCount(1);
			assertNoConsoleErrors();
		}
		finally {
			ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"DROP DATABASE IF EXISTS " + restored + " WITH (FORCE)");
		}
	}

	@Test
	void aViewerSeesTheListButNoControls() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("web_backup_view")) {
			db.exec("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1), (2)");
			String name = "Viewed " + UUID.randomUUID().toString().substring(0, 8);
			connectionId = createConnection(name, db.name(), true);
			TestApi admin = TestApi.admin(port);
			TestApi.Response started = admin.post("/api/backups",
					TestApi.JSON.createObjectNode().put("connectionId", connectionId).put("kind", "SCHEMA").toString());
			assertThat(started.status()).as(started.body()).isEqualTo(202);
			String id = started.json().get("id").asString();
			await().atMost(Duration.ofSeconds(30)).until(() -> !"IN_PROGRESS".equals(admin.get("/api/backups/" + id).json().get("status").asString()));

			TestUsers.TestUser viewer = TestUsers.create(port, "VIEWER");
			login(viewer.username(), viewer.password());
			navigate("Backups");
			Locator row = page.locator("[data-testid=backup-row][data-file*='" + started.json().get("fileName").asString() + "']");
			assertThat(row).isVisible();
			assertThat(row.getByTestId("backup-status")).hasText("Completed");
			assertThat(row).containsText("Schema");
			assertThat(row).containsText(name);
			assertThat(page.getByTestId("create-backup")).hasCount(0);
			assertThat(page.getByTestId("backup-actions")).hasCount(0);
			assertThat(page.getByRole(AriaRole.MENUITEM)).hasCount(0);
			screenshot("viewer");
			page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
			screenshot("viewer-dark");

			page.navigate("/connections");
			assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name))).isVisible();
			assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Back up ")))).hasCount(0);
			// and the dialog cannot be forced open by the address
			page.navigate("/backups?new=1");
			assertThat(page.getByTestId("backup-row").first()).isVisible();
			assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
			assertNoConsoleErrors();
		}
	}

	private void openActions(Locator row) {
		// a menu still closing from the previous action would swallow the click
		assertThat(page.getByRole(AriaRole.MENU)).hasCount(0);
		row.getByTestId("backup-actions").click();
		assertThat(page.getByRole(AriaRole.MENU)).isVisible();
	}

	private String createConnection(String name, String database, boolean shared) {
		TestApi.Response r = TestApi.admin(port).post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + database).put("shared", shared)
			.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private static long count(String database, String table) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.pgUrlFor(database), ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}

package dev.steward.backup;

import static dev.steward.backup.BackupsIntegrationTests.awaitFinished;
import static dev.steward.backup.BackupsIntegrationTests.createConnection;
import static dev.steward.backup.BackupsIntegrationTests.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OPERATOR restoring a SQLite backup can write only SQLite files inside the allowed directories: never a key,
 * the H2 store, a backup, a file reached through a link, or any file that is not a SQLite database. Connections
 * "registered before" (their stored path set directly, as an installation upgraded from the old whole-data-dir
 * default would have them) are confined at restore time as well.
 */
@IntegrationTest
class SqliteRestoreConfinementIntegrationTests {

	private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	JdbcTemplate jdbc;

	TestApi operator;

	Path dir;

	Path db;

	String connection;

	JsonNode backup;

	@BeforeEach
	void aBackedUpConnectionOfAnOperator() throws Exception {
		var user = TestUsers.create(port, "OPERATOR");
		operator = user.login(port);
		dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("conf-" + UUID.randomUUID()));
		db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), dir.resolve("chinook.sqlite"));
		connection = createConnection(operator, "c" + UUID.randomUUID().toString().substring(0, 4), db.toString());
		backup = awaitFinished(operator, start(operator, connection, "FULL").get("id").asString());
		assertThat(backup.get("status").asString()).as(backup.toString()).isEqualTo("COMPLETED");
	}

	@Test
	void overTheCredentialsKey() throws Exception {
		pretendRegisteredAt(dataDir.resolve("keys/evil.sqlite"));
		refusedAndUnchanged("credentials.key", dataDir.resolve("keys/credentials.key"));
	}

	@Test
	void overABackupKey() throws Exception {
		pretendRegisteredAt(dataDir.resolve("keys/evil.sqlite"));
		String keyFile = "backup-" + backup.get("keyId").asString() + ".key";
		refusedAndUnchanged(keyFile, dataDir.resolve("keys").resolve(keyFile));
	}

	@Test
	void overTheH2Store() throws Exception {
		pretendRegisteredAt(dataDir.resolve("evil.sqlite"));
		Path store = dataDir.resolve("steward.mv.db");
		if (!Files.exists(store)) { // the PostgreSQL metadata store: nothing may appear there either
			refused("steward.mv.db", true);
			assertThat(store).doesNotExist();
			return;
		}
		// the store is live (Steward writes to it meanwhile): the same file (inode), its mode, and no SQLite in it
		PosixFileAttributes before = attributes(store);
		refused("steward.mv.db", false);
		PosixFileAttributes after = attributes(store);
		assertThat(after.fileKey()).isEqualTo(before.fileKey());
		assertThat(after.permissions()).isEqualTo(before.permissions());
		assertThat(head(store)).isNotEqualTo(SQLITE_HEADER);
	}

	@Test
	void overAnotherBackupsFile() throws Exception {
		JsonNode other = awaitFinished(operator, start(operator, connection, "FULL").get("id").asString());
		assertThat(other.get("status").asString()).isEqualTo("COMPLETED");
		Path artefact = dataDir.resolve("backups").resolve(connection).resolve(other.get("fileName").asString());
		assertThat(artefact).exists();
		pretendRegisteredAt(artefact.resolveSibling("evil.sqlite"));
		refusedAndUnchanged(artefact.getFileName().toString(), artefact);
		assertThat(JobsTesting.verify(operator, other.get("id").asString(), false).result().get("ok").asBoolean()).isTrue();
	}

	@Test
	void throughASymlinkedFileOutOfTheAllowedDir() throws Exception {
		Path key = dataDir.resolve("keys/credentials.key");
		Path link = Files.createSymbolicLink(dir.resolve("link.sqlite"), key);
		refusedAndUnchanged("link.sqlite", key);
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readSymbolicLink(link)).isEqualTo(key);
	}

	@Test
	void throughASymlinkedDirectoryOutOfTheAllowedDir() throws Exception {
		Path up = Files.createSymbolicLink(dir.resolve("up"), dataDir.resolve("keys"));
		pretendRegisteredAt(up.resolve("evil.sqlite"));
		refusedAndUnchanged("credentials.key", dataDir.resolve("keys/credentials.key"));
	}

	@Test
	void overAFileThatIsNotASqliteDatabase() throws Exception {
		Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes, not a database\n");
		Files.setPosixFilePermissions(notes, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.GROUP_READ));
		refusedAndUnchanged("notes.txt", notes);
	}

	@Test
	void registeringOrEditingIntoSteward_sOwnFilesOrOverANonSqliteFileIsRefused() throws Exception {
		Path notes = Files.writeString(dir.resolve("plain.txt"), "text");
		for (Path path : new Path[] { dataDir.resolve("keys/credentials.key"), dataDir.resolve("keys/new.sqlite"),
				dataDir.resolve("steward.mv.db"), dataDir.resolve("backups/x.sqlite"), dataDir.resolve("elsewhere.sqlite"),
				notes }) {
			ObjectNode body = TestApi.JSON.createObjectNode().put("name", "evil " + UUID.randomUUID()).put("engine", "SQLITE")
				.put("filePath", path.toString());
			TestApi.Response created = operator.post("/api/connections", body.toString());
			assertThat(created.status()).as(path + ": " + created.body()).isEqualTo(400);
			assertThat(created.body()).contains("filePath");
			TestApi.Response edited = operator.put("/api/connections/" + connection,
					body.put("name", "edited").toString());
			assertThat(edited.status()).as(path + ": " + edited.body()).isEqualTo(400);
		}
	}

	@Test
	void aGoodRestoreWritesOwnerOnlyFiles() throws Exception {
		JobsTesting.Finished fresh = restore("copy.sqlite", true, false);
		assertThat(fresh.status()).as(fresh.job().toString()).isEqualTo("COMPLETED");
		assertThat(Files.getPosixFilePermissions(dir.resolve("copy.sqlite")))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		Files.setPosixFilePermissions(db, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
		JobsTesting.Finished over = restore("chinook.sqlite", false, true);
		assertThat(over.status()).as(over.job().toString()).isEqualTo("COMPLETED");
		assertThat(Files.getPosixFilePermissions(db))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(head(db)).isEqualTo(SQLITE_HEADER);
		try (var left = Files.list(dir)) {
			assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("chinook.sqlite", "copy.sqlite");
		}
	}

	/** As if the connection had been registered there before the allowed directories were narrowed. */
	private void pretendRegisteredAt(Path file) {
		assertThat(jdbc.update("UPDATE connections SET file_path = ? WHERE id = ?", file.toString(),
				UUID.fromString(connection))).isEqualTo(1);
	}

	private void refusedAndUnchanged(String database, Path file) throws Exception {
		byte[] bytes = Files.readAllBytes(file);
		Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
		Object inode = attributes(file).fileKey();
		refused(database, false);
		assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(mode);
		assertThat(attributes(file).fileKey()).isEqualTo(inode);
		try (var left = Files.list(file.getParent())) {
			assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".restore-"));
		}
	}

	/** Every way of asking: over the file, cleaning it, or as a new database. */
	private void refused(String database, boolean absent) {
		for (boolean clean : new boolean[] { false, true }) {
			JobsTesting.Finished r = restore(database, absent, clean);
			assertThat(r.status()).as(database + ": " + r.job()).isEqualTo("FAILED");
			assertThat(r.reason()).as(database + ": " + r.job()).isEqualTo("REFUSED");
			assertThat(r.message()).startsWith("Restore refused, nothing was changed: ")
				.doesNotContain("Exception").doesNotContain("\tat ");
			if (absent) {
				return;
			}
		}
	}

	private JobsTesting.Finished restore(String database, boolean newDatabase, boolean clean) {
		return JobsTesting.restore(operator, backup.get("id").asString(), TestApi.JSON.createObjectNode()
			.put("targetConnectionId", connection).put("database", database).put("newDatabase", newDatabase)
			.put("clean", clean).put("confirm", database).toString());
	}

	private static PosixFileAttributes attributes(Path file) throws Exception {
		return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
	}

	private static byte[] head(Path file) throws Exception {
		try (var in = Files.newInputStream(file)) {
			return Arrays.copyOf(in.readNBytes(16), 16);
		}
	}
}

package dev.steward.backup;

import static dev.steward.backup.BackupsIntegrationTests.awaitFinished;
import static dev.steward.backup.BackupsIntegrationTests.createConnection;
import static dev.steward.backup.BackupsIntegrationTests.fingerprints;
import static dev.steward.backup.BackupsIntegrationTests.flip;
import static dev.steward.backup.BackupsIntegrationTests.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parallel restore stages the checked dump once and restores from that file: the data arrives identical, a
 * damaged backup is refused before anything is created, and no staged copy is left behind either way.
 */
@IntegrationTest
class ParallelRestoreIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void restoresWithTwoJobsAndRefusesADamagedBackupBeforeCreatingAnything() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("par_src")) {
			BackupFixtures.loadChinookPostgres(source.name());
			String connection = createConnection(api, "parallel " + source.name(),
					"postgresql://postgres@127.0.0.1:5432/" + source.name());
			JsonNode done = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			String id = done.get("id").asString();

			String target = ScratchDatabases.uniqueName("par_dst");
			ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection)
				.put("database", target).put("newDatabase", true).put("jobs", 2).put("confirm", target);
			try {
				dev.steward.test.JobsTesting.Finished restored = dev.steward.test.JobsTesting.restore(api, id, restore.toString());
				assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
				assertThat(fingerprints(target)).isEqualTo(fingerprints(source.name())).hasSize(11);
			}
			finally {
				drop(target);
			}
			assertThat(stagedFiles()).isEmpty();

			Path artefact = dataDir.resolve("backups").resolve(connection).resolve(done.get("fileName").asString());
			flip(artefact, Files.size(artefact) / 2);
			String refusedTarget = ScratchDatabases.uniqueName("par_bad");
			restore.put("database", refusedTarget).put("confirm", refusedTarget);
			dev.steward.test.JobsTesting.Finished refused = dev.steward.test.JobsTesting.restore(api, id, restore.toString());
			assertThat(refused.status()).as(refused.job().toString()).isEqualTo("FAILED");
			assertThat(refused.reason()).isEqualTo("CHECKSUM_MISMATCH");
			assertThat(refused.message()).contains("nothing was changed");
			try (var c = java.sql.DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
					ScratchDatabases.PG_PASSWORD);
					var s = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
				s.setString(1, refusedTarget);
				try (var rs = s.executeQuery()) {
					rs.next();
					assertThat(rs.getInt(1)).as("the refused restore created no database").isZero();
				}
			}
			finally {
				drop(refusedTarget);
			}
			assertThat(stagedFiles()).isEmpty();
		}
	}

	private java.util.List<Path> stagedFiles() throws Exception {
		Path work = dataDir.resolve("backup-work");
		if (!Files.isDirectory(work)) {
			return java.util.List.of();
		}
		try (Stream<Path> files = Files.list(work)) {
			return files.filter(f -> f.getFileName().toString().startsWith("restore-")).toList();
		}
	}

	private static void drop(String database) {
		ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
				"DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}
}

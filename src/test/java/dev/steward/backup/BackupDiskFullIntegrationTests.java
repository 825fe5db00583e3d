package dev.steward.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.steward.StewardApplication;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import tools.jackson.databind.JsonNode;

/** A backup into storage that fills up ends FAILED with DISK_FULL (from the file system, not from a message). */
class BackupDiskFullIntegrationTests {

	@Test
	void aBackupThatFillsItsStorageFailsAsDiskFullAndLeavesNoFile() throws Exception {
		Path dataDir = Files.createTempDirectory("steward-full-");
		Path mount = Files.createDirectories(dataDir.resolve("tiny"));
		Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
			.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor()).as("mounting a 1 MiB tmpfs (tests run as root): " + out).isZero();
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("full_src");
				ConfigurableApplicationContext steward = new SpringApplicationBuilder(StewardApplication.class).run(
						"--server.port=0", "--steward.data-dir=" + dataDir,
						"--steward.admin.password=" + TestStore.ADMIN_PASSWORD,
						"--steward.backup.local-dir=" + mount.resolve("backups"))) {
			source.exec("CREATE TABLE noise AS SELECT g AS id, md5(g::text) || md5((g * 3)::text) AS a "
					+ "FROM generate_series(1, 200000) g");
			TestApi api = TestApi.admin(((WebServerApplicationContext) steward).getWebServer().getPort());
			String connection = BackupsIntegrationTests.createConnection(api, "full " + source.name(),
					"postgresql://postgres@127.0.0.1:5432/" + source.name());
			JsonNode failed = BackupsIntegrationTests.awaitFinished(api,
					BackupsIntegrationTests.start(api, connection, "FULL").get("id").asString());
			assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
			assertThat(failed.get("reason").asString()).as(failed.toString()).isEqualTo("DISK_FULL");
			JsonNode job = api.get("/api/jobs/" + failed.get("jobId").asString()).json();
			assertThat(job.get("failure").get("reason").asString()).isEqualTo("DISK_FULL");
			try (var files = Files.walk(mount.resolve("backups"))) {
				assertThat(files.filter(Files::isRegularFile).toList()).as("no partial file").isEmpty();
			}
		}
		finally {
			new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
		}
	}
}

package dev.steward.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.FileRefused;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

class SqlitePathsUnitTests {

	@TempDir
	Path data;

	private SqlitePaths paths(Path... allowed) {
		List<OwnFiles> own = List.of(() -> List.of(data.resolve("keys")),
				() -> List.of(data.resolve("steward.mv.db"), data.resolve("steward.trace.db")),
				() -> List.of(data.resolve("backups"), data.resolve("backup-work")));
		return new SqlitePaths(new ConnectionProperties(null, List.of(allowed), Duration.ofSeconds(5),
				new ConnectionProperties.Sample(true),
				new ConnectionProperties.Ssh(Duration.ofMinutes(10), Duration.ofSeconds(15))),
				new StewardProperties(data), own);
	}

	@Test
	void theDefaultIsAnOwnerOnlySqliteDirectoryUnderTheDataDir() throws Exception {
		SqlitePaths paths = paths();
		Path dir = data.toRealPath().resolve("sqlite");
		assertThat(paths.allowedDirs()).containsExactly(dir);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
		assertThat(paths.confine(dir.resolve("a.sqlite"))).isEqualTo(dir.resolve("a.sqlite"));
		assertThatThrownBy(() -> paths.confine(data.resolve("keys/credentials.key"))).isInstanceOf(FileRefused.class);
		assertThatThrownBy(() -> paths.confine(data.resolve("steward.mv.db"))).isInstanceOf(FileRefused.class);
		assertThatThrownBy(() -> paths.confine(dir)).isInstanceOf(FileRefused.class);
		assertThatThrownBy(() -> paths.confine(dir.resolve("../keys/x"))).isInstanceOf(FileRefused.class);
	}

	@Test
	void configuredDirectoriesOverlappingStewardsOwnFilesStopTheStart() throws Exception {
		Files.createDirectories(data.resolve("backups/conn"));
		for (Path bad : List.of(data, data.resolve("keys"), data.resolve("keys/sub"), data.resolve("backups/conn"),
				data.resolve("backup-work"), data.resolve("steward.mv.db"))) {
			assertThatThrownBy(() -> paths(bad)).as(bad.toString()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("sqlite-allowed-dirs");
		}
		// also through a link: a directory that is really the keys; and a broken link
		Path broken = Files.createSymbolicLink(data.resolve("broken"), data.resolve("keys"));
		assertThatThrownBy(() -> paths(broken)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("sqlite-allowed-dirs");
		Files.createDirectories(data.resolve("keys"));
		Path link = Files.createSymbolicLink(data.resolve("innocent"), data.resolve("keys"));
		assertThatThrownBy(() -> paths(link)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("keys");
		Path fine = Files.createDirectories(data.resolve("databases"));
		assertThat(paths(fine).allowedDirs()).containsExactly(fine.toRealPath());
	}

	@Test
	void brokenLinksAndLinksOutAreRefusedWhenRegistering() throws Exception {
		SqlitePaths paths = paths();
		Path dir = data.resolve("sqlite");
		Path dangling = Files.createSymbolicLink(dir.resolve("dangling.sqlite"), data.resolve("nowhere/x.sqlite"));
		assertThatThrownBy(() -> paths.confine(dangling)).isInstanceOf(FileRefused.class);
		Path out = Files.createSymbolicLink(dir.resolve("out.sqlite"), data.resolve("keys"));
		assertThatThrownBy(() -> paths.check(out.resolve("credentials.key").toString(), "filePath"))
			.isInstanceOf(InvalidInput.class);
		// whether a file there is a database is the engine adapter's to say (SqliteAdapter.refuseFile)
		assertThat(paths.check(dir.resolve("absent.sqlite").toString(), "filePath"))
			.isEqualTo(dir.toRealPath().resolve("absent.sqlite"));
	}
}

package dev.steward.engine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;

class SqliteAdapterUnitTests {

	final SqliteAdapter adapter = new SqliteAdapter();

	String path(String url) {
		ConnectionSpec spec = adapter.parseUrl(url).orElseThrow();
		assertThat(spec.engine()).isEqualTo(EngineKind.SQLITE);
		return spec.filePath();
	}

	@Test
	void parsesEveryForm() {
		assertThat(path("jdbc:sqlite:/data/app.db")).isEqualTo("/data/app.db");
		assertThat(path("/data/app.db")).isEqualTo("/data/app.db");
		assertThat(path("sqlite:///data/app.db")).isEqualTo("/data/app.db");
		assertThat(path("file:///data/my%20app.db")).isEqualTo("/data/my app.db");
		assertThat(path("file:/data/app.db")).isEqualTo("/data/app.db");
		assertThat(path("jdbc:sqlite:file:/data/app.db")).isEqualTo("/data/app.db");
		assertThat(path("/data/x/../app.db")).isEqualTo("/data/app.db");
	}

	@Test
	void formatsAsJdbcAndBack() {
		ConnectionSpec spec = adapter.parseUrl("sqlite:///data/app.db").orElseThrow();
		assertThat(adapter.formatUrl(spec)).isEqualTo("jdbc:sqlite:/data/app.db");
		assertThat(adapter.parseUrl(adapter.formatUrl(spec))).contains(spec);
	}

	@Test
	void refusesBadUrls() {
		assertThat(adapter.parseUrl("postgresql://h/db")).isEmpty();
		assertThat(adapter.parseUrl("relative/app.db")).isEmpty();
		assertThatThrownBy(() -> adapter.parseUrl("jdbc:sqlite::memory:")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> adapter.parseUrl("jdbc:sqlite:app.db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> adapter.parseUrl("jdbc:sqlite:/a.db?mode=ro")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> adapter.parseUrl("file://otherhost/a.db")).isInstanceOf(InvalidConnectionUrl.class);
	}

	@Test
	void testsOnlyRealSqliteFilesAndNeverCreatesOne(@TempDir Path dir) throws IOException {
		Path missing = dir.resolve("missing.db");
		ConnectionSpec spec = adapter.parseUrl(missing.toString()).orElseThrow();
		assertThat(adapter.test(spec, Duration.ofSeconds(2)).category()).isEqualTo(FailureCategory.DATABASE_NOT_FOUND);
		assertThat(missing).doesNotExist();

		Path text = Files.writeString(dir.resolve("notes.db"), "just some text, not a database at all");
		var result = adapter.test(adapter.parseUrl(text.toString()).orElseThrow(), Duration.ofSeconds(2));
		assertThat(result.category()).isEqualTo(FailureCategory.INVALID_SETTINGS);
		assertThat(result.message()).contains("not a SQLite database");
	}

	@Test
	void refusesToRegisterAnExistingFileThatIsNoSqliteDatabase(@TempDir Path dir) throws IOException {
		assertThat(adapter.refuseFile(dir.resolve("absent.db"))).isEmpty();
		Path text = Files.writeString(dir.resolve("notes.db"), "just some text, not a database at all");
		assertThat(adapter.refuseFile(text)).contains("is an existing file that is not a SQLite database");
		assertThat(adapter.refuseFile(dir)).contains("is not a regular file");
		Path real = Files.write(dir.resolve("real.db"), "SQLite format 3\0 and the rest".getBytes());
		assertThat(adapter.refuseFile(real)).isEmpty();
	}
}

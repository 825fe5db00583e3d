package dev.steward.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;

/**
 * The data offsets found by one pass over a streamed {@code pg_dump -Fc} archive are the ones {@code pg_dump}
 * itself records when it writes to a file, and a parallel {@code pg_restore} of the patched archive restores
 * everything. Real {@code pg_dump}/{@code pg_restore} of the machine's PostgreSQL.
 */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class CustomArchiveOffsetsIntegrationTests {

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	@TempDir
	Path work;

	@Test
	void offsetsFoundInAStreamedArchiveMatchWhatPgDumpRecordsAndParallelRestoreUsesThem() throws Exception {
		try (Scratch db = ScratchDatabases.postgres("offsets")) {
			fill(db);
			for (String compression : List.of("-Z0", "-Z6")) {
				// pg_dump's own truth: an archive written to a file it can seek in
				Path seekable = work.resolve("seekable" + compression + ".dump");
				run(List.of(BIN.resolve("pg_dump").toString(), "-Fc", compression, "-f", seekable.toString(),
						"-h", "127.0.0.1", "-U", ScratchDatabases.PG_USER, db.name()), null);
				CustomArchiveOffsets.Toc recorded = toc(seekable);
				Map<Integer, Long> truth = new TreeMap<>();
				recorded.entries().values().stream().filter(e -> e.state() == CustomArchiveOffsets.POS_SET)
					.forEach(e -> truth.put(e.dumpId(), e.offset()));
				assertThat(truth).hasSizeGreaterThanOrEqualTo(4); // three tables and the large objects
				try (FileChannel channel = FileChannel.open(seekable)) {
					assertThat(new TreeMap<>(CustomArchiveOffsets.scanBlocks(channel, recorded))).isEqualTo(truth);
				}

				// Steward's case: the archive went through a pipe and has no offsets
				Path streamed = work.resolve("streamed" + compression + ".dump");
				run(List.of(BIN.resolve("pg_dump").toString(), "-Fc", compression, "-h", "127.0.0.1", "-U",
						ScratchDatabases.PG_USER, db.name()), streamed);
				assertThat(toc(streamed).entries().values()).noneMatch(e -> e.state() == CustomArchiveOffsets.POS_SET);
				assertThat(CustomArchiveOffsets.addTo(streamed)).isEqualTo(truth.size());
				CustomArchiveOffsets.Toc patched = toc(streamed);
				Map<Integer, Long> written = new TreeMap<>();
				patched.entries().values().stream().filter(e -> e.state() == CustomArchiveOffsets.POS_SET)
					.forEach(e -> written.put(e.dumpId(), e.offset()));
				assertThat(written.keySet()).isEqualTo(truth.keySet());
				try (FileChannel channel = FileChannel.open(streamed)) {
					assertThat(new TreeMap<>(CustomArchiveOffsets.scanBlocks(channel, patched))).isEqualTo(written);
				}
				assertThat(CustomArchiveOffsets.addTo(streamed)).as("already has offsets").isZero();

				try (Scratch target = ScratchDatabases.postgres("offsets_dst")) {
					run(List.of(BIN.resolve("pg_restore").toString(), "--exit-on-error", "--no-owner", "-j2", "-h",
							"127.0.0.1", "-U", ScratchDatabases.PG_USER, "-d", target.name(), streamed.toString()), null);
					assertThat(summary(target)).isEqualTo(summary(db));
				}
			}
		}
	}

	@Test
	void anArchiveItCannotReadIsLeftByteForByte() throws Exception {
		Path notAnArchive = work.resolve("plain.sql");
		Files.writeString(notAnArchive, "CREATE TABLE t (id int);\n");
		assertThat(CustomArchiveOffsets.addTo(notAnArchive)).isZero();
		assertThat(Files.readString(notAnArchive)).isEqualTo("CREATE TABLE t (id int);\n");

		try (Scratch db = ScratchDatabases.postgres("offsets_cut")) {
			fill(db);
			Path streamed = work.resolve("cut.dump");
			run(List.of(BIN.resolve("pg_dump").toString(), "-Fc", "-Z0", "-h", "127.0.0.1", "-U",
					ScratchDatabases.PG_USER, db.name()), streamed);
			byte[] whole = Files.readAllBytes(streamed);
			// cut inside the data: the scan meets the end early and patches nothing
			byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5000);
			Files.write(streamed, cut);
			assertThat(CustomArchiveOffsets.addTo(streamed)).isZero();
			assertThat(Files.readAllBytes(streamed)).isEqualTo(cut);
			// an unknown block type where data should start
			CustomArchiveOffsets.Toc toc = toc(streamed);
			byte[] bad = whole.clone();
			bad[(int) toc.dataStart()] = 7;
			Files.write(streamed, bad);
			assertThat(CustomArchiveOffsets.addTo(streamed)).isZero();
			assertThat(Files.readAllBytes(streamed)).isEqualTo(bad);
		}
	}

	private static void fill(Scratch db) {
		db.exec("CREATE TABLE small (id int PRIMARY KEY, name text)",
				"INSERT INTO small SELECT g, 'row ' || g FROM generate_series(1, 500) g",
				"CREATE TABLE wide (id int PRIMARY KEY, payload text)",
				"INSERT INTO wide SELECT g, repeat(md5(g::text), 40) FROM generate_series(1, 3000) g",
				"CREATE TABLE empty_one (id int)",
				"SELECT lo_from_bytea(0, convert_to(repeat('large object ', 5000), 'UTF8'))",
				"SELECT lo_from_bytea(0, '\\x0102'::bytea)");
	}

	private static String summary(Scratch db) throws Exception {
		try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("""
				SELECT (SELECT count(*) || ':' || coalesce(sum(length(name)), 0) FROM small) || '/'
				    || (SELECT count(*) || ':' || md5(string_agg(payload, '' ORDER BY id)) FROM wide) || '/'
				    || (SELECT count(*) FROM empty_one) || '/'
				    || (SELECT count(*) || ':' || sum(length(lo_get(oid))) FROM pg_largeobject_metadata)""")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static CustomArchiveOffsets.Toc toc(Path file) throws Exception {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return CustomArchiveOffsets.readToc(channel);
		}
	}

	/** Runs a tool; with {@code stdoutTo}, its output goes through a pipe into that file (not seekable for it). */
	private static void run(List<String> command, Path stdoutTo) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		if (stdoutTo != null) {
			try (InputStream in = process.getInputStream()) {
				Files.copy(in, stdoutTo);
			}
		}
		else {
			process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		}
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
	}

}

package dev.steward.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.query.ConsoleTargets.Kind;
import dev.steward.query.ConsoleTargets.Target;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /sql/export} and {@code /sql/explain} on real PostgreSQL, MariaDB and SQLite: every format round-trips
 * typed values exactly, a million rows stream in bounded memory, failures are problems or cut downloads, plans
 * come back as trees, and read-only callers stay read-only.
 */
@IntegrationTest
class SqlExportIntegrationTests {

	private static final JsonMapper EXACT = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final String LONG_HEX = "00ff10".repeat(200);

	private static final String TRICKY = "Grüße, 世界 🌍 \"quoted\", comma\r\nnew line";

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@ParameterizedTest
	@EnumSource(Kind.class)
	void everyFormatCarriesTypedValuesExactly(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			try (Connection c = target.connect(); Statement s = c.createStatement()) {
				s.execute(createTable(kind, "src"));
				for (String insert : inserts(kind)) {
					s.execute(insert);
				}
			}
			String select = "SELECT * FROM src ORDER BY id";

			// CSV (RFC 4180): NULL an empty field, '' a quoted empty one, binaries whole
			HttpResponse<InputStream> csv = export(admin, target, select, "csv", null);
			assertThat(csv.statusCode()).isEqualTo(200);
			assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
			assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
				.contains(".csv");
			List<List<@Nullable String>> records = parseCsv(new String(csv.body().readAllBytes(),
					StandardCharsets.UTF_8));
			assertThat(records).hasSize(5);
			assertThat(records.get(0)).containsExactly("id", "n", "ts", "b", "s", "f");
			assertThat(records.get(1).get(1)).isEqualTo(bigNumber(kind));
			assertThat(records.get(1).get(2)).isEqualTo(timestamp(kind));
			assertThat(records.get(1).get(3)).isEqualTo("\\x" + LONG_HEX);
			assertThat(records.get(1).get(4)).isEqualTo("NULL");
			assertThat(records.get(2).subList(1, 6)).containsOnlyNulls();
			assertThat(records.get(3).get(4)).isEqualTo("");
			assertThat(records.get(4).get(4)).isEqualTo(TRICKY);

			// JSON and NDJSON: exact numbers, nulls, strings
			JsonNode array = EXACT.readTree(export(admin, target, select, "json", null).body());
			assertThat(array.size()).isEqualTo(4);
			assertThat(array.get(0).get("n").isNumber()).isTrue();
			assertThat(array.get(0).get("n").decimalValue()).isEqualByComparingTo(bigNumber(kind));
			assertThat(array.get(0).get("b").asString()).isEqualTo("\\x" + LONG_HEX);
			assertThat(array.get(0).get("s").asString()).isEqualTo("NULL");
			assertThat(array.get(1).get("s").isNull()).isTrue();
			assertThat(array.get(3).get("s").asString()).isEqualTo(TRICKY);
			String ndjson = new String(export(admin, target, select, "ndjson", null).body().readAllBytes(),
					StandardCharsets.UTF_8);
			String[] lines = ndjson.split("\n");
			assertThat(lines).hasSize(4);
			for (int i = 0; i < 4; i++) {
				assertThat(EXACT.readTree(lines[i])).isEqualTo(array.get(i));
			}

			// SQL: the INSERTs load into a copy of the table and every value matches
			String inserts = new String(export(admin, target, select, "sql", "dst").body().readAllBytes(),
					StandardCharsets.UTF_8);
			assertThat(inserts.lines().filter(l -> l.startsWith("INSERT INTO")).count()).isEqualTo(4);
			JsonNode loaded = ConsoleTargets.run(admin, target, createTable(kind, "dst") + ";\n" + inserts, null);
			assertThat(loaded.get("status").asString()).as(loaded.toString()).isEqualTo("COMPLETED");
			assertThat(sameRows(target, kind)).isEqualTo(4);

			// xlsx: a workbook whose sheet holds the values (inline strings)
			byte[] xlsx = export(admin, target, select, "xlsx", null).body().readAllBytes();
			List<String> cells = texts(zipEntry(xlsx, "xl/worksheets/sheet1.xml"));
			assertThat(cells).contains("NULL", "\\x" + LONG_HEX);
			assertThat(cells).anyMatch(t -> t.startsWith("Grüße, 世界 🌍 \"quoted\", comma"));
			assertThat(zipEntry(xlsx, "[Content_Types].xml")).contains("spreadsheetml");
		}
	}

	@Test
	@org.junit.jupiter.api.Tag("target-only") // streaming from the target to the client: the store plays no part
	void aMillionRowsStreamWithBoundedHeap() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.POSTGRESQL, dataDir, false, false)) {
			String sql = "SELECT g AS id, g::bigint * 1000 AS big, (g / 7.0)::numeric(20,6) AS num, md5(g::text) AS txt,"
					+ " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' AS ts, g % 2 = 0 AS flag"
					+ " FROM generate_series(1, 1000000) g";
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			long baseline = memory.getHeapMemoryUsage().getUsed();
			AtomicLong peak = new AtomicLong(baseline);
			AtomicBoolean done = new AtomicBoolean();
			Thread sampler = Thread.ofPlatform().daemon().start(() -> {
				while (!done.get()) {
					System.gc();
					peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
					try {
						Thread.sleep(500); // each sample is a full GC: a buffered export grows steadily, so 2/s catch it
					}
					catch (InterruptedException e) {
						return;
					}
				}
			});
			long newlines = 0;
			try {
				HttpResponse<InputStream> r = export(admin, target, sql, "csv", null);
				assertThat(r.statusCode()).isEqualTo(200);
				try (InputStream in = r.body()) {
					byte[] buffer = new byte[64 * 1024];
					int n;
					while ((n = in.read(buffer)) > 0) {
						for (int i = 0; i < n; i++) {
							if (buffer[i] == '\n') {
								newlines++;
							}
						}
					}
				}
			}
			finally {
				done.set(true);
				sampler.join();
			}
			assertThat(newlines).isEqualTo(1_000_001);
			long growth = peak.get() - baseline;
			assertThat(growth).as("peak heap growth %d MB", growth >> 20).isLessThan(100L << 20);
		}
	}

	@Test
	void aStatementFailingBeforeItsFirstRowIsAProblemAndMidStreamCutsTheDownload() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.POSTGRESQL, dataDir, false, false)) {
			TestApi.Response early = admin.post("/api/connections/" + target.connectionId() + "/sql/export",
					"{\"sql\":\"SELECT * FROM no_such_table\",\"format\":\"csv\"}");
			assertThat(early.status()).isEqualTo(422);
			assertThat(early.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
			assertThat(early.json().get("detail").asString()).contains("no_such_table");

			TestApi.Response invalid = admin.post("/api/connections/" + target.connectionId() + "/sql/export",
					"{\"sql\":\"SELECT 1\",\"format\":\"pdf\"}");
			assertThat(invalid.status()).isEqualTo(400);

			HttpResponse<InputStream> late = export(admin, target,
					"SELECT g, 1 / (g - 50000) AS x FROM generate_series(1, 100000) g", "csv", null);
			assertThat(late.statusCode()).isEqualTo(200);
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			assertThatThrownBy(() -> late.body().transferTo(received)).isInstanceOf(IOException.class);
			assertThat(received.size()).isPositive();

			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode audit = admin.get("/api/audit?action=sql.export&targetId=" + target.connectionId()).json();
				assertThat(audit.toString()).contains("FAILURE").contains("division by zero");
			});
		}
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "POSTGRESQL", "MARIADB" })
	void explainGivesATreeAndAnalyzeOfADeleteChangesNothing(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			try (Connection c = target.connect(); Statement s = c.createStatement()) {
				s.execute("CREATE TABLE t (id INT PRIMARY KEY, label VARCHAR(20))");
				for (int i = 1; i <= 100; i++) {
					s.execute("INSERT INTO t VALUES (" + i + ", 'row " + i + "')");
				}
			}
			JsonNode plan = explain(admin, target, "SELECT * FROM t WHERE label LIKE 'row 1%'", false);
			assertThat(plan.get("analyzed").asBoolean()).isFalse();
			JsonNode scan = find(plan.get("roots"), "t");
			assertThat(scan).as(plan.toString()).isNotNull();
			assertThat(scan.get("estimatedRows").isNumber()).isTrue();
			if (kind == Kind.POSTGRESQL) {
				assertThat(scan.get("nodeType").asString()).isEqualTo("Seq Scan");
				assertThat(scan.get("cost").asDouble()).isPositive();
			}

			JsonNode analyzed = explain(admin, target, "DELETE FROM t WHERE id > 10", true);
			assertThat(analyzed.get("analyzed").asBoolean()).isTrue();
			if (kind == Kind.POSTGRESQL) {
				JsonNode delete = analyzed.get("roots").get(0);
				assertThat(delete.get("nodeType").asString()).isEqualTo("Delete");
				assertThat(delete.get("children").get(0).get("actualRows").asDouble()).isEqualTo(90.0);
				assertThat(analyzed.get("executionMillis").isNumber()).isTrue();
			}
			else {
				JsonNode deleted = find(analyzed.get("roots"), "t");
				assertThat(deleted).as(analyzed.toString()).isNotNull();
				assertThat(deleted.get("actualRows").asDouble()).as(analyzed.toString()).isPositive();
			}
			assertThat(target.count("t")).isEqualTo(100);
		}
	}

	@Test
	void sqliteExplainsItsQueryPlan() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.SQLITE, dataDir, true, false)) {
			JsonNode plan = explain(admin, target, "SELECT * FROM Track WHERE TrackId > 10", false);
			JsonNode node = find(plan.get("roots"), "Track");
			assertThat(node).as(plan.toString()).isNotNull();
			assertThat(node.get("nodeType").asString()).isIn("SEARCH", "SCAN");
		}
	}

	@Test
	void aViewerCannotWriteThroughExportOrExplainAndStrangersAreTurnedAway() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.POSTGRESQL, dataDir, false, true)) {
			try (Connection c = target.connect(); Statement s = c.createStatement()) {
				s.execute("CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 10) g");
			}
			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			TestApi.Response exported = viewer.post("/api/connections/" + target.connectionId() + "/sql/export",
					"{\"sql\":\"DELETE FROM t RETURNING *\",\"format\":\"csv\"}");
			assertThat(exported.status()).as(exported.body()).isEqualTo(422);
			assertThat(exported.json().get("detail").asString()).containsIgnoringCase("read-only");
			TestApi.Response explained = viewer.post("/api/connections/" + target.connectionId() + "/sql/explain",
					"{\"sql\":\"DELETE FROM t\",\"analyze\":true}");
			assertThat(explained.status()).as(explained.body()).isEqualTo(422);
			assertThat(target.count("t")).isEqualTo(10);
			// reading is fine
			assertThat(export(viewer, target, "SELECT * FROM t", "csv", null).statusCode()).isEqualTo(200);

			TestApi stranger = TestApi.anonymous(port);
			assertThat(stranger.post("/api/connections/" + target.connectionId() + "/sql/export",
					"{\"sql\":\"SELECT 1\"}").status()).isEqualTo(401);
			assertThat(stranger.post("/api/connections/" + target.connectionId() + "/sql/explain",
					"{\"sql\":\"SELECT 1\"}").status()).isEqualTo(401);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin
				.get("/api/audit?action=sql.explain&targetId=" + target.connectionId()).json().toString())
				.contains("FAILURE"));
		}
	}

	private static HttpResponse<InputStream> export(TestApi api, Target target, String sql, String format,
			@Nullable String table) {
		var body = TestApi.JSON.createObjectNode().put("sql", sql).put("format", format);
		if (table != null) {
			body.put("table", table);
		}
		return api.postStreaming("/api/connections/" + target.connectionId() + "/sql/export", body.toString());
	}

	private static JsonNode explain(TestApi api, Target target, String sql, boolean analyze) {
		TestApi.Response r = api.post("/api/connections/" + target.connectionId() + "/sql/explain",
				TestApi.JSON.createObjectNode().put("sql", sql).put("analyze", analyze).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	/** The first node (depth first) reading {@code relation}. */
	private static @Nullable JsonNode find(JsonNode nodes, String relation) {
		for (JsonNode node : nodes) {
			if (node.hasNonNull("relation") && node.get("relation").asString().startsWith(relation)) {
				return node;
			}
			JsonNode below = find(node.get("children"), relation);
			if (below != null) {
				return below;
			}
		}
		return null;
	}

	private static String createTable(Kind kind, String name) {
		return switch (kind) {
			case POSTGRESQL -> "CREATE TABLE " + name
					+ " (id INT PRIMARY KEY, n NUMERIC, ts TIMESTAMPTZ, b BYTEA, s TEXT, f BOOLEAN)";
			case MARIADB -> "CREATE TABLE " + name
					+ " (id INT PRIMARY KEY, n DECIMAL(38,9), ts DATETIME(3), b BLOB, s TEXT, f BOOLEAN)";
			case SQLITE -> "CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, n NUMERIC, ts TEXT, b BLOB, s TEXT,"
					+ " f INTEGER)";
		};
	}

	private static List<String> inserts(Kind kind) {
		String tricky = "'" + TRICKY.replace("'", "''") + "'";
		return switch (kind) {
			case POSTGRESQL -> List.of(
					"INSERT INTO src VALUES (1, 12345678901234567890.123456789, '2024-05-06 07:08:09.123+02',"
							+ " decode('" + LONG_HEX + "', 'hex'), 'NULL', true)",
					"INSERT INTO src VALUES (2, NULL, NULL, NULL, NULL, NULL)",
					"INSERT INTO src VALUES (3, -0.5, '1999-12-31 23:59:59+00', '\\x'::bytea, '', false)",
					"INSERT INTO src VALUES (4, 0, '2000-01-01 00:00:00+00', '\\x00'::bytea, " + tricky + ", true)");
			case MARIADB -> List.of(
					"INSERT INTO src VALUES (1, 12345678901234567890.123456789, '2024-05-06 07:08:09.123',"
							+ " X'" + LONG_HEX + "', 'NULL', true)",
					"INSERT INTO src VALUES (2, NULL, NULL, NULL, NULL, NULL)",
					"INSERT INTO src VALUES (3, -0.5, '1999-12-31 23:59:59', X'', '', false)",
					"INSERT INTO src VALUES (4, 0, '2000-01-01 00:00:00', X'00', " + tricky + ", true)");
			case SQLITE -> List.of(
					"INSERT INTO src VALUES (1, 9223372036854775807, '2024-05-06T07:08:09.123+02:00', X'" + LONG_HEX
							+ "', 'NULL', 1)",
					"INSERT INTO src VALUES (2, NULL, NULL, NULL, NULL, NULL)",
					"INSERT INTO src VALUES (3, -0.5, '1999-12-31T23:59:59Z', X'01', '', 0)",
					"INSERT INTO src VALUES (4, 0, '2000-01-01T00:00:00Z', X'00', " + tricky + ", 1)");
		};
	}

	private static String bigNumber(Kind kind) {
		return kind == Kind.SQLITE ? "9223372036854775807" : "12345678901234567890.123456789";
	}

	private static String timestamp(Kind kind) {
		return switch (kind) {
			case POSTGRESQL -> "2024-05-06T05:08:09.123Z";
			case MARIADB -> "2024-05-06T07:08:09.123";
			case SQLITE -> "2024-05-06T07:08:09.123+02:00";
		};
	}

	/** Rows of {@code dst} equal, column by column and NULL for NULL, to the row of {@code src} with their id. */
	private static long sameRows(Target target, Kind kind) throws Exception {
		String eq = switch (kind) {
			case POSTGRESQL -> " IS NOT DISTINCT FROM ";
			case MARIADB -> " <=> ";
			case SQLITE -> " IS ";
		};
		StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM src JOIN dst ON dst.id = src.id");
		for (String column : List.of("n", "ts", "b", "s", "f")) {
			sql.append(" AND src.").append(column).append(eq).append("dst.").append(column);
		}
		try (Connection c = target.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql.toString())) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** RFC 4180, keeping an unquoted empty field (NULL) apart from a quoted one (''). */
	static List<List<@Nullable String>> parseCsv(String text) {
		List<List<@Nullable String>> records = new ArrayList<>();
		List<@Nullable String> record = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			if (text.charAt(i) == '"') {
				StringBuilder field = new StringBuilder();
				i++;
				while (true) {
					char c = text.charAt(i++);
					if (c == '"') {
						if (i < text.length() && text.charAt(i) == '"') {
							field.append('"');
							i++;
						}
						else {
							break;
						}
					}
					else {
						field.append(c);
					}
				}
				record.add(field.toString());
			}
			else {
				int end = i;
				while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\r') {
					end++;
				}
				record.add(end == i ? null : text.substring(i, end));
				i = end;
			}
			if (i < text.length() && text.charAt(i) == ',') {
				i++;
			}
			else if (text.startsWith("\r\n", i)) {
				records.add(record);
				record = new ArrayList<>();
				i += 2;
			}
		}
		return records;
	}

	/** Every inline string of a sheet, XML entities resolved. */
	private static List<String> texts(String sheetXml) throws Exception {
		var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new java.io.ByteArrayInputStream(sheetXml.getBytes(StandardCharsets.UTF_8)));
		var nodes = document.getElementsByTagName("t");
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent());
		}
		return texts;
	}

	/** Through the central directory (a streamed workbook's entries carry their sizes only after their data). */
	private static String zipEntry(byte[] zip, String name) throws IOException {
		Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
		try {
			java.nio.file.Files.write(file, zip);
			try (java.util.zip.ZipFile workbook = new java.util.zip.ZipFile(file.toFile())) {
				ZipEntry entry = workbook.getEntry(name);
				if (entry == null) {
					throw new AssertionError("no " + name + " in the workbook");
				}
				try (InputStream in = workbook.getInputStream(entry)) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		finally {
			java.nio.file.Files.deleteIfExists(file);
		}
	}
}

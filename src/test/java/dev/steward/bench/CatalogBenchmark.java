package dev.steward.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.steward.StewardApplication;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;

/**
 * Not a test (surefire runs only *Tests): builds a PostgreSQL schema of 10,000 tables / 100,000 columns (PKs,
 * an FK and an index on every 10th table), starts Steward in this JVM on a fresh H2 store, and measures the
 * catalog over HTTP: first page, filtered page, detail, full sync; Steward's heap growth. Then a smaller
 * MariaDB run (2,000 tables). Run with {@code bench/catalog/run.sh}.
 */
public final class CatalogBenchmark {

	static final int TABLES = Integer.getInteger("bench.tables", 10_000);

	static final int MARIADB_TABLES = Integer.getInteger("bench.mariadb.tables", 2_000);

	static final int RUNS = 7;

	public static void main(String[] args) throws Exception {
		Path dataDir = Files.createTempDirectory("steward-bench-");
		System.out.printf("Building PostgreSQL schema: %,d tables, %,d columns …%n", TABLES, TABLES * 10);
		try (ScratchDatabases.Scratch pg = ScratchDatabases.postgres("bench_catalog");
				ScratchDatabases.Scratch my = ScratchDatabases.mariadb("bench_catalog")) {
			long t0 = System.nanoTime();
			pg.exec("""
					DO $$ BEGIN
					  FOR i IN 1..%d LOOP
					    EXECUTE format('CREATE TABLE t_%%s (id bigserial PRIMARY KEY, parent_id bigint%%s, name text NOT NULL,
					      code varchar(20), amount numeric(12,2), created_at timestamptz DEFAULT now(), flag boolean,
					      note text, qty integer, ref uuid)', lpad(i::text, 5, '0'),
					      CASE WHEN i %% 10 = 0 THEN format(' REFERENCES t_%%s(id)', lpad((i - 1)::text, 5, '0')) ELSE '' END);
					    IF i %% 10 = 0 THEN
					      EXECUTE format('CREATE INDEX ON t_%%s (code)', lpad(i::text, 5, '0'));
					    END IF;
					    IF i %% 500 = 0 THEN
					      COMMIT; -- one transaction for all would exhaust the lock table
					    END IF;
					  END LOOP;
					END $$""".formatted(TABLES), "ANALYZE");
			System.out.printf("  built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
			System.out.printf("Building MariaDB schema: %,d tables …%n", MARIADB_TABLES);
			t0 = System.nanoTime();
			List<String> ddl = new ArrayList<>();
			for (int i = 1; i <= MARIADB_TABLES; i++) {
				ddl.add("CREATE TABLE t_%05d (id bigint AUTO_INCREMENT PRIMARY KEY, parent_id bigint, name text NOT NULL, "
						.formatted(i) + "code varchar(20), amount decimal(12,2), created_at timestamp NULL, flag boolean, "
						+ "note text, qty int, ref char(36)" + (i % 10 == 0
								? ", KEY (code), FOREIGN KEY (parent_id) REFERENCES t_%05d(id)".formatted(i - 1) : "")
						+ ")");
			}
			my.exec(ddl.toArray(String[]::new));
			System.out.printf("  built in %.1f s%n", (System.nanoTime() - t0) / 1e9);

			SpringApplication app = new SpringApplication(StewardApplication.class);
			String[] props = { "--steward.data-dir=" + dataDir, "--steward.admin.password=bench-admin-password-1",
					"--server.port=0", "--logging.level.root=warn", "--logging.level.dev.steward.catalog.CatalogSync=info" };
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			try (ConfigurableApplicationContext ctx = app.run(props)) {
				int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
				TestApi api = TestApi.login(port, "admin", "bench-admin-password-1");
				heapSettle(memory);
				long heapBefore = memory.getHeapMemoryUsage().getUsed();

				String pgId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", "bench pg")
					.put("url", "postgresql://postgres@127.0.0.1:5432/" + pg.name()).toString()).json().get("id").asString();
				String base = "/api/connections/" + pgId + "/catalog";
				String q = "?database=" + pg.name() + "&schema=public";
				System.out.println();
				System.out.printf("PostgreSQL, %,d tables / %,d columns (median of %d, first call in brackets)%n",
						TABLES, TABLES * 10, RUNS);
				report("first page (50, by name)", "≤ 100 ms", time(() -> ok(api.get(base + "/objects" + q + "&kind=table&size=50"))));
				report("filtered page (q=t_0999)", "≤ 100 ms", time(() -> ok(api.get(base + "/objects" + q + "&kind=table&q=t_0999&size=50"))));
				report("last page (by name)", "—", time(() -> ok(api.get(base + "/objects" + q + "&kind=table&size=50&page=" + (TABLES / 50 - 1)))));
				report("page sorted by size", "—", time(() -> ok(api.get(base + "/objects" + q + "&kind=table&size=50&sort=size,desc"))));
				report("schemas with kind counts", "—", time(() -> ok(api.get(base + "/schemas?database=" + pg.name()))));
				report("table detail (t_05000)", "≤ 50 ms", time(() -> ok(api.get(base + "/objects/t_05000" + q))));
				report("DDL via pg_dump (t_05000)", "—", time(() -> ok(api.get(base + "/objects/t_05000/ddl" + q))));
				List<Double> syncs = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					long s = System.nanoTime();
					TestApi.Response r = ok(api.post(base + "/sync", null));
					syncs.add((System.nanoTime() - s) / 1e6);
					if (i == 0) {
						System.out.printf("  sync stored %s objects, %s columns (server-side %s ms)%n",
								r.json().get("objects").asString(), r.json().get("columns").asString(),
								r.json().get("durationMillis").asString());
					}
				}
				report("full sync (first, then re-syncs)", "≤ 2000 ms", syncs);
				report("search 'code' (ranked, paged)", "—", time(() -> ok(api.get("/api/catalog/search?q=code&size=20"))));
				heapSettle(memory);
				long heapAfter = memory.getHeapMemoryUsage().getUsed();
				System.out.printf("  %-34s %8.1f MB   (target ≤ 200 MB)%n", "heap growth after all of the above",
						(heapAfter - heapBefore) / 1048576.0);

				String myId = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", "bench maria")
					.put("url", "mariadb://root@127.0.0.1:3306/" + my.name()).toString()).json().get("id").asString();
				String mb = "/api/connections/" + myId + "/catalog";
				String mq = "?database=" + my.name() + "&schema=" + my.name();
				System.out.println();
				System.out.printf("MariaDB, %,d tables / %,d columns%n", MARIADB_TABLES, MARIADB_TABLES * 10);
				report("first page (50, by name)", "—", time(() -> ok(api.get(mb + "/objects" + mq + "&kind=table&size=50"))));
				report("filtered page (q=t_0199)", "—", time(() -> ok(api.get(mb + "/objects" + mq + "&kind=table&q=t_0199"))));
				report("table detail (t_01000)", "—", time(() -> ok(api.get(mb + "/objects/t_01000" + mq))));
				List<Double> mySyncs = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					long s = System.nanoTime();
					ok(api.post(mb + "/sync", null));
					mySyncs.add((System.nanoTime() - s) / 1e6);
				}
				report("full sync", "—", mySyncs);
				System.out.println();
				System.out.println("Peers, as reported in their trackers: pgAdmin becomes unusable around 7,000 tables "
						+ "(pgadmin4 #1372, #3785); phpMyAdmin takes minutes at 40,000 tables (#16188); CloudBeaver "
						+ "loads whole child lists and slices them in memory.");
			}
		}
	}

	static TestApi.Response ok(TestApi.Response r) {
		if (r.status() != 200) {
			throw new IllegalStateException(r.status() + " " + r.body());
		}
		return r;
	}

	static List<Double> time(Supplier<?> call) {
		List<Double> out = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			long s = System.nanoTime();
			call.get();
			out.add((System.nanoTime() - s) / 1e6);
		}
		return out;
	}

	static void report(String what, String target, List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		System.out.printf("  %-34s %8.1f ms  [%7.1f]   target %s%n", what, sorted.get(sorted.size() / 2), millis.get(0),
				target);
	}

	static void heapSettle(MemoryMXBean memory) throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
	}
}

package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.test.IntegrationTest;

/**
 * A flood of refused anonymous calls costs the chain one record per source address and window, written off the
 * request path. Each test sends from its own loopback address (127.0.1.x), so other tests' calls never mix in.
 */
@IntegrationTest
class AnonymousRejectionsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AnonymousRejections anonymousRejections;

	@Test
	void fiveHundredAnonymousPostsBecomeOneCountedRecord() throws Exception {
		String address = "127.0.1." + ThreadLocalRandom.current().nextInt(2, 250);
		HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
		anonymousRejections.flush();
		long mark = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).single();
		long before = rowsFrom(address);

		long start = System.nanoTime();
		for (int i = 0; i < 500; i++) {
			HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
					+ "/api/connections")).POST(HttpRequest.BodyPublishers.ofString("{}"))
				.header("Content-Type", "application/json").build());
			assertThat(r.statusCode()).isIn(401, 403);
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println("500 anonymous POSTs took " + millis + " ms");
		// nothing was chained on the request path (a scheduled flush may have run once meanwhile)
		assertThat(rowsFrom(address) - before).isLessThanOrEqualTo(1);

		anonymousRejections.flush();
		List<Map<String, Object>> rows = jdbc
			.sql("SELECT action, actor, outcome, detail FROM audit_log WHERE source_ip = ? AND seq > ? ORDER BY seq")
			.params(address, mark)
			.query()
			.listOfRows();
		assertThat(rows).hasSizeBetween(1, 2);
		long counted = 0;
		for (Map<String, Object> row : rows) {
			Map<String, Object> r = lower(row);
			assertThat(r.get("action")).isEqualTo(AnonymousRejections.ACTION);
			assertThat(r.get("actor")).isEqualTo("anonymous");
			assertThat(r.get("outcome")).isEqualTo("DENIED");
			String detail = (String) r.get("detail");
			assertThat(detail).matches("\\d+ rejected anonymous calls since .*, e\\.g\\. POST /api/connections \u2192 40[13]");
			counted += Long.parseLong(detail.substring(0, detail.indexOf(' ')));
		}
		assertThat(counted).isEqualTo(500);
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void addressesBeyondTheBoundShareACatchAllCount() {
		AuditProperties narrow = new AuditProperties(null, java.time.Duration.ofHours(1), 2, null, null, 5000, 366);
		AnonymousRejections counter = new AnonymousRejections(auditLog, narrow);
		String tag = java.util.UUID.randomUUID().toString();
		for (int i = 0; i < 5; i++) {
			String address = "198.51.100." + i;
			for (int n = 0; n <= i; n++) {
				counter.record(new dev.steward.shared.AuditEntry(java.time.Instant.now(),
						new dev.steward.shared.Actor("anonymous", address), "http.post", "api", tag,
						dev.steward.shared.AuditEntry.Outcome.DENIED, "POST /api/" + tag + " \u2192 401"));
			}
		}
		counter.flush();
		List<Map<String, Object>> rows = jdbc
			.sql("SELECT source_ip, detail FROM audit_log WHERE detail LIKE ? ORDER BY seq").param("%" + tag + "%")
			.query()
			.listOfRows()
			.stream()
			.map(AnonymousRejectionsIntegrationTests::lower)
			.toList();
		// 198.51.100.0 (1 call: its own record), .1 (2 calls) and the rest (3 + 4 + 5) under the catch-all
		assertThat(rows).hasSize(3);
		assertThat(rows).anySatisfy(r -> {
			assertThat(r.get("source_ip")).isNull();
			assertThat((String) r.get("detail")).startsWith("12 rejected anonymous calls from addresses beyond the 2");
		});
		assertThat(rows).anySatisfy(r -> {
			assertThat(r.get("source_ip")).isEqualTo("198.51.100.1");
			assertThat((String) r.get("detail")).startsWith("2 rejected anonymous calls since");
		});
		assertThat(rows).anySatisfy(r -> {
			assertThat(r.get("source_ip")).isEqualTo("198.51.100.0");
			assertThat((String) r.get("detail")).isEqualTo("POST /api/" + tag + " \u2192 401");
		});
	}

	@Test
	void countsAreWrittenEachWindowAndAtShutdown() {
		AnonymousRejections counter = new AnonymousRejections(auditLog,
				new AuditProperties(null, java.time.Duration.ofMillis(300), 10, null, null, 5000, 366));
		String tag = java.util.UUID.randomUUID().toString();
		counter.start();
		try {
			counter.record(entry("203.0.113.7", tag, "scheduled"));
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> tagged(tag + " scheduled") == 1);
			counter.record(entry("203.0.113.7", tag, "at-stop"));
		}
		finally {
			counter.stop();
		}
		assertThat(counter.isRunning()).isFalse();
		assertThat(tagged(tag + " at-stop")).isEqualTo(1);
	}

	private static dev.steward.shared.AuditEntry entry(String address, String tag, String suffix) {
		return new dev.steward.shared.AuditEntry(java.time.Instant.now(), new dev.steward.shared.Actor("anonymous", address),
				"http.post", "api", null, dev.steward.shared.AuditEntry.Outcome.DENIED, "POST /api/" + tag + " " + suffix);
	}

	private long tagged(String text) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?").param("%" + text + "%").query(Long.class)
			.single();
	}

	private long rowsFrom(String address) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE source_ip = ?").param(address).query(Long.class).single();
	}

	private static Map<String, Object> lower(Map<String, Object> row) {
		Map<String, Object> out = new java.util.HashMap<>();
		row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
		return out;
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

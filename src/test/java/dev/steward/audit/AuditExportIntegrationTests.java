package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/audit/export}: administrators only, a bounded range, CSV or JSON lines, and itself audited. */
@IntegrationTest
class AuditExportIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void exportsARangeAsCsvAndJsonLines() {
		TestApi admin = TestApi.admin(port);
		Instant from = Instant.now().minusSeconds(5);
		TestUser user = TestUsers.create(port, "VIEWER");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/audit?targetId=" + user.id()).json().get("totalElements").asLong() > 0);
		Instant to = Instant.now().plusSeconds(5);

		Response csv = admin.get(path(from, to, "csv"));
		assertThat(csv.status()).as(csv.body()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition")).get().asString().contains("attachment")
			.contains(".csv");
		List<String> lines = Arrays.asList(csv.body().split("\r\n"));
		assertThat(lines.getFirst()).isEqualTo("seq,occurredAt,actor,sourceIp,action,targetType,targetId,outcome,"
				+ "detail,prevHash,hash");
		assertThat(lines).anySatisfy(l -> assertThat(l).contains(",user.create,user," + user.id() + ",SUCCESS,"));

		Response jsonl = admin.get(path(from, to, "jsonl"));
		assertThat(jsonl.status()).isEqualTo(200);
		List<JsonNode> records = jsonl.body().lines().map(l -> TestApi.JSON.readTree(l)).toList();
		assertThat(records).anySatisfy(r -> {
			assertThat(r.get("action").asString()).isEqualTo("user.create");
			assertThat(r.get("targetId").asString()).isEqualTo(user.id());
			assertThat(r.get("hash").asString()).matches("[0-9a-f]{64}");
		});
		// oldest first, each linking to the one before where they are consecutive
		for (int i = 1; i < records.size(); i++) {
			JsonNode prev = records.get(i - 1);
			JsonNode r = records.get(i);
			assertThat(r.get("seq").asLong()).isGreaterThan(prev.get("seq").asLong());
			if (r.get("seq").asLong() == prev.get("seq").asLong() + 1) {
				assertThat(r.get("prevHash").asString()).isEqualTo(prev.get("hash").asString());
			}
		}
		// nothing outside the range
		assertThat(records).allSatisfy(r -> assertThat(Instant.parse(r.get("occurredAt").asString()))
			.isBetween(from, to));

		// the export is itself a record
		await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/audit?action=audit.export&actor=admin")
			.json().get("totalElements").asLong() >= 2);
	}

	@Test
	void onlyAdministratorsExportAndTheRangeIsBounded() {
		Instant to = Instant.now();
		Instant from = to.minus(1, ChronoUnit.DAYS);
		for (String role : List.of("VIEWER", "OPERATOR")) {
			TestApi session = TestUsers.create(port, role).login(port);
			assertThat(session.get(path(from, to, "csv")).status()).as(role).isEqualTo(403);
			// rights first: even a malformed request is refused as forbidden
			assertThat(session.get("/api/audit/export?from=x&to=y&format=pdf").status()).as(role).isEqualTo(403);
		}
		assertThat(TestApi.anonymous(port).get(path(from, to, "csv")).status()).isEqualTo(401);

		TestApi admin = TestApi.admin(port);
		assertThat(admin.get(path(to, from, "csv")).status()).isEqualTo(400);
		assertThat(admin.get(path(to.minus(400, ChronoUnit.DAYS), to, "csv")).status()).isEqualTo(400);
		Response badFormat = admin.get(path(from, to, "xml"));
		assertThat(badFormat.status()).isEqualTo(400);
		assertThat(badFormat.body()).doesNotContain("Exception").contains("format");
		assertThat(admin.get("/api/audit/export?to=" + to).status()).isEqualTo(400);
	}

	private static String path(Instant from, Instant to, String format) {
		return "/api/audit/export?from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
				+ URLEncoder.encode(to.toString(), StandardCharsets.UTF_8) + "&format=" + format;
	}
}

package dev.steward.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/** The compliance report end to end: checks on real state, stored reports, HTML and PDF, and who may see them. */
@IntegrationTest
class ComplianceIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void checksReflectTheStateAndStoredReportsAreHashedInTheAuditTrail() throws Exception {
		TestApi admin = TestApi.admin(port);
		String name = "0000 compliance unscheduled " + UUID.randomUUID(); // listed first: evidence names 20 at most
		Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode().put("name", name)
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/postgres").toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String connectionId = created.json().get("id").asString();
		try {
			JsonNode live = admin.get("/api/security/compliance").json();
			assertThat(live.get("id").isNull()).isTrue();
			assertThat(live.get("checks").valueStream().map(c -> c.get("id").asString()).toList()).containsExactly(
					"backup-schedules", "backup-rpo", "backup-encryption", "test-restore", "audit-chain",
					"audit-retention", "target-tls", "target-superuser", "inactive-users", "api-tokens", "admin-count",
					"two-factor", "ip-allowlist");
			JsonNode schedules = check(live, "backup-schedules");
			assertThat(schedules.get("status").asString()).isEqualTo("FAIL");
			assertThat(schedules.get("evidence").toString()).contains(name);
			assertThat(check(live, "backup-rpo").get("evidence").toString()).contains(name + " (no successful backup)");
			assertThat(check(live, "audit-chain").get("status").asString()).isEqualTo("PASS");
			assertThat(check(live, "audit-retention").get("status").asString()).isEqualTo("WARN");
			assertThat(check(live, "target-tls").get("evidence").toString()).doesNotContain(name); // loopback
			assertThat(check(live, "target-superuser").get("status").asString()).isEqualTo("NOT_AVAILABLE");
			assertThat(check(live, "ip-allowlist").get("status").asString()).isEqualTo("NOT_AVAILABLE");
			assertThat(check(live, "two-factor").get("evidence").get(0).asString()).contains("enabled local account(s) use two-factor");

			Response stored = admin.post("/api/security/compliance/reports", null);
			assertThat(stored.status()).as(stored.body()).isEqualTo(201);
			String id = stored.json().get("id").asString();
			String sha = stored.json().get("contentSha256").asString();
			assertThat(sha).matches("[0-9a-f]{64}");
			JsonNode record = await().atMost(Duration.ofSeconds(10)).until(
					() -> admin.get("/api/audit?action=compliance.report&targetId=" + id).json(),
					page -> page.get("totalElements").asLong() == 1).get("items").get(0);
			assertThat(record.get("detail").asString()).contains(sha);
			assertThat(record.get("actor").asString()).isEqualTo("admin");

			JsonNode history = admin.get("/api/security/compliance/reports?size=100").json();
			assertThat(history.get("items").valueStream().map(i -> i.get("id").asString()).toList()).contains(id);
			JsonNode json = admin.get("/api/security/compliance/reports/" + id + ".json").json();
			assertThat(json.get("contentSha256").asString()).isEqualTo(sha);
			assertThat(check(json, "backup-schedules").get("evidence").toString()).contains(name);

			Response html = admin.get("/api/security/compliance/reports/" + id);
			assertThat(html.status()).isEqualTo(200);
			assertThat(html.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
			assertThat(html.body()).contains("Every connection has an enabled backup schedule", sha, name);

			HttpResponse<byte[]> pdf = admin.getBytes("/api/security/compliance/reports/" + id + ".pdf");
			assertThat(pdf.statusCode()).isEqualTo(200);
			assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
			try (PDDocument doc = Loader.loadPDF(pdf.body())) {
				assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
				String text = new PDFTextStripper().getText(doc);
				assertThat(text).contains("Every connection has an enabled backup schedule", "The audit chain verifies",
						"Two-factor coverage", sha);
			}

			String missing = UUID.randomUUID().toString();
			assertThat(admin.get("/api/security/compliance/reports/" + missing).status()).isEqualTo(404);
			assertThat(admin.getBytes("/api/security/compliance/reports/" + missing + ".pdf").statusCode()).isEqualTo(404);
			assertThat(admin.get("/api/security/compliance/reports/not-a-report").status()).isEqualTo(400);
			assertThat(admin.get("/api/security/compliance/reports?size=1000").status()).isEqualTo(400);
		}
		finally {
			admin.delete("/api/connections/" + connectionId);
		}
	}

	@Test
	void onlyAdministratorsSeeCompliance() {
		String id = TestApi.admin(port).post("/api/security/compliance/reports", null).json().get("id").asString();
		for (String role : List.of("VIEWER", "OPERATOR")) {
			TestApi session = TestUsers.create(port, role).login(port);
			assertThat(session.get("/api/security/compliance").status()).as(role).isEqualTo(403);
			assertThat(session.post("/api/security/compliance/reports", null).status()).as(role).isEqualTo(403);
			assertThat(session.get("/api/security/compliance/reports").status()).as(role).isEqualTo(403);
			assertThat(session.get("/api/security/compliance/reports/" + id).status()).as(role).isEqualTo(403);
			assertThat(session.get("/api/security/compliance/reports/" + id + ".json").status()).as(role).isEqualTo(403);
			assertThat(session.getBytes("/api/security/compliance/reports/" + id + ".pdf").statusCode()).as(role)
				.isEqualTo(403);
			// rights before input: a malformed id is refused as forbidden, not as bad input
			assertThat(session.get("/api/security/compliance/reports/x?size=-1").status()).as(role).isEqualTo(403);
		}
		assertThat(TestApi.anonymous(port).get("/api/security/compliance").status()).isEqualTo(401);
	}

	private static JsonNode check(JsonNode report, String id) {
		return report.get("checks").valueStream().filter(c -> c.get("id").asString().equals(id)).findFirst()
			.orElseThrow();
	}
}

package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail end to end. Tampering tests change one stored row and restore it in a finally block, so the
 * chain is intact again for every other test sharing this store.
 */
@IntegrationTest
class AuditChainIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AnonymousRejections anonymousRejections;

	@Autowired
	AuditKey auditKey;

	@Autowired
	HeadAnchor headAnchor;

	@Autowired
	SegmentRecords segmentRecords;

	@Autowired
	SegmentFiles segmentFiles;

	@Test
	void domainEventsBecomeChainedRecords() {
		TestApi admin = TestApi.admin(port);
		TestUser user = TestUsers.create(port, "VIEWER");
		JsonNode record = awaitOne(admin, "/api/audit?targetId=" + user.id());
		assertThat(record.get("action").asString()).isEqualTo("user.create");
		assertThat(record.get("actor").asString()).isEqualTo("admin");
		assertThat(record.get("sourceIp").asString()).isEqualTo("127.0.0.1");
		assertThat(record.get("targetType").asString()).isEqualTo("user");
		assertThat(record.get("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(record.get("detail").asString()).contains(user.username()).contains("VIEWER");
		assertThat(record.has("hash")).isFalse();

		long seq = record.get("seq").asLong();
		Map<String, Object> row = jdbc.sql("SELECT prev_hash, hash FROM audit_log WHERE seq = ?").param(seq).query().singleRow();
		String previous = jdbc.sql("SELECT hash FROM audit_log WHERE seq = ?").param(seq - 1).query(String.class).single();
		assertThat(row.get("prev_hash")).isEqualTo(previous);
		assertThat((String) row.get("hash")).matches("[0-9a-f]{64}");

		JsonNode verify = admin.get("/api/audit/verify").json();
		assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
		assertThat(verify.get("checked").asLong()).isGreaterThanOrEqualTo(seq);
		assertThat(admin.get("/api/audit/actions").json().valueStream().map(JsonNode::asString).toList())
			.contains("user.create", "auth.login");
	}

	@Test
	void verifyFindsATamperedField() {
		long seq = someRecord();
		String detail = jdbc.sql("SELECT detail FROM audit_log WHERE seq = ?").param(seq).query(String.class).single();
		jdbc.sql("UPDATE audit_log SET detail = 'x' WHERE seq = ?").param(seq).update();
		try {
			JsonNode verify = TestApi.admin(port).get("/api/audit/verify").json();
			assertThat(verify.get("intact").asBoolean()).isFalse();
			assertThat(verify.get("brokenAtSeq").asLong()).isEqualTo(seq);
			assertThat(verify.get("reason").asString()).startsWith("hash mismatch");
			assertThat(verify.get("checked").asLong()).isEqualTo(seq - 1);
		}
		finally {
			jdbc.sql("UPDATE audit_log SET detail = ? WHERE seq = ?").params(detail, seq).update();
		}
		assertThat(TestApi.admin(port).get("/api/audit/verify").json().get("intact").asBoolean()).isTrue();
	}

	@Test
	void verifyFindsABrokenLink() {
		long seq = someRecord();
		String prev = jdbc.sql("SELECT prev_hash FROM audit_log WHERE seq = ?").param(seq).query(String.class).single();
		jdbc.sql("UPDATE audit_log SET prev_hash = ? WHERE seq = ?").params("f".repeat(64), seq).update();
		try {
			JsonNode verify = TestApi.admin(port).get("/api/audit/verify").json();
			assertThat(verify.get("brokenAtSeq").asLong()).isEqualTo(seq);
			assertThat(verify.get("reason").asString()).startsWith("prev_hash link broken");
		}
		finally {
			jdbc.sql("UPDATE audit_log SET prev_hash = ? WHERE seq = ?").params(prev, seq).update();
		}
	}

	@Test
	void verifyFindsADeletedRecord() {
		long seq = someRecord();
		Map<String, Object> row = jdbc.sql("SELECT * FROM audit_log WHERE seq = ?").param(seq).query().singleRow();
		jdbc.sql("DELETE FROM audit_log WHERE seq = ?").param(seq).update();
		try {
			JsonNode verify = TestApi.admin(port).get("/api/audit/verify").json();
			assertThat(verify.get("intact").asBoolean()).isFalse();
			assertThat(verify.get("brokenAtSeq").asLong()).isEqualTo(seq);
			assertThat(verify.get("reason").asString()).startsWith("seq gap");
		}
		finally {
			jdbc.sql("""
					INSERT INTO audit_log (seq, occurred_at, actor, source_ip, action, target_type, target_id, outcome,
					detail, prev_hash, hash, chain_version) VALUES (:seq, :occurred_at, :actor, :source_ip, :action,
					:target_type, :target_id, :outcome, :detail, :prev_hash, :hash, :chain_version)""")
				.paramSource(lowerCaseKeys(row))
				.update();
		}
		assertThat(TestApi.admin(port).get("/api/audit/verify").json().get("intact").asBoolean()).isTrue();
	}

	@Test
	void verifyWorksAcrossPageBoundaries() {
		long seq = someRecord();
		String detail = jdbc.sql("SELECT detail FROM audit_log WHERE seq = ?").param(seq).query(String.class).single();
		for (int pageSize : new int[] { 1, 2, 3, 7 }) {
			assertThat(auditLog.verify(pageSize).intact()).as("page size %d", pageSize).isTrue();
		}
		jdbc.sql("UPDATE audit_log SET detail = 'x' WHERE seq = ?").param(seq).update();
		try {
			for (int pageSize : new int[] { 1, 2, 3, 7 }) {
				assertThat(auditLog.verify(pageSize).brokenAtSeq()).as("page size %d", pageSize).isEqualTo(seq);
			}
		}
		finally {
			jdbc.sql("UPDATE audit_log SET detail = ? WHERE seq = ?").params(detail, seq).update();
		}
	}

	@Test
	void rejectedMutationsAreRecordedOnceEach() {
		TestApi admin = TestApi.admin(port);
		String missing = UUID.randomUUID().toString();
		assertThat(admin.post("/api/users/" + missing + "/password", "{\"newPassword\":\"long-enough-password\"}").status())
			.isEqualTo(404);
		JsonNode notFound = awaitOne(admin, "/api/audit?targetId=" + missing);
		assertThat(notFound.get("action").asString()).isEqualTo("http.post");
		assertThat(notFound.get("targetType").asString()).isEqualTo("users");
		assertThat(notFound.get("outcome").asString()).isEqualTo("FAILURE");
		assertThat(notFound.get("actor").asString()).isEqualTo("admin");
		assertThat(notFound.get("detail").asString()).isEqualTo("POST /api/users/" + missing + "/password \u2192 404");

		TestUser viewer = TestUsers.create(port, "VIEWER");
		String other = UUID.randomUUID().toString();
		assertThat(viewer.login(port).patch("/api/users/" + other, "{\"enabled\":false}").status()).isEqualTo(403);
		JsonNode forbidden = awaitOne(admin, "/api/audit?targetId=" + other);
		assertThat(forbidden.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(forbidden.get("action").asString()).isEqualTo("http.patch");
		assertThat(forbidden.get("actor").asString()).isEqualTo(viewer.username());

		// anonymous refusals are counted and written off the request path; alone in its window, the call keeps
		// its own record
		anonymousRejections.flush();
		String third = UUID.randomUUID().toString();
		assertThat(TestApi.anonymous(port).delete("/api/tokens/" + third).status()).isEqualTo(401);
		anonymousRejections.flush();
		JsonNode anonymous = awaitOne(admin, "/api/audit?targetId=" + third);
		assertThat(anonymous.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(anonymous.get("actor").asString()).isEqualTo("anonymous");

		// a validation failure with a conflicting name: one FAILURE record, and no domain event
		String name = TestUsers.uniqueName("dup");
		String body = TestApi.JSON.createObjectNode().put("username", name).put("password", "a-fine-password-1")
			.put("role", "VIEWER").toString();
		assertThat(admin.post("/api/users", body).status()).isEqualTo(201);
		long before = count(admin, "/api/audit?action=http.post&targetType=users");
		assertThat(admin.post("/api/users", body).status()).isEqualTo(409);
		assertThat(count(admin, "/api/audit?action=http.post&targetType=users")).isEqualTo(before + 1);

		// successful mutations come from their domain event only
		assertThat(admin.get("/api/audit?actor=admin&action=http.post&targetType=users&outcome=SUCCESS").json()
			.get("totalElements").asLong()).isZero();
	}

	@Test
	void aFailedLoginIsRecordedOnce() {
		TestApi admin = TestApi.admin(port);
		long httpBefore = count(admin, "/api/audit?action=http.post&targetType=auth");
		String ghost = TestUsers.uniqueName("nobody");
		Response r = TestApi.anonymous(port).post("/api/auth/login",
				TestApi.JSON.createObjectNode().put("username", ghost).put("password", "wrong").toString());
		assertThat(r.status()).isEqualTo(401);
		JsonNode record = awaitOne(admin, "/api/audit?actor=" + ghost);
		assertThat(record.get("action").asString()).isEqualTo("auth.login");
		assertThat(record.get("outcome").asString()).isEqualTo("FAILURE");
		assertThat(count(admin, "/api/audit?action=http.post&targetType=auth")).isEqualTo(httpBefore);

		// a login refused before Logins looks at it (bad input) is recorded by the filter (anonymous: at the flush)
		assertThat(TestApi.anonymous(port).post("/api/auth/login", "{\"username\":\"\",\"password\":\"x\"}").status())
			.isEqualTo(400);
		anonymousRejections.flush();
		assertThat(count(admin, "/api/audit?action=http.post&targetType=auth")).isEqualTo(httpBefore + 1);
	}

	@Test
	void nonAdministratorsSeeOnlyTheirOwnRecords() {
		TestUser viewer = TestUsers.create(port, "VIEWER");
		TestApi session = viewer.login(port);
		session.post("/api/tokens", "{\"name\":\"mine\"}");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count(session, "/api/audit")).isGreaterThanOrEqualTo(2));
		List<String> actors = session.get("/api/audit?size=200").json().get("items").valueStream()
			.map(n -> n.get("actor").asString()).distinct().toList();
		assertThat(actors).containsExactly(viewer.username());
		assertThat(count(session, "/api/audit?actor=admin")).isZero();
		assertThat(session.get("/api/audit/verify").status()).isEqualTo(403);
	}

	@Test
	void queriesFilterPageAndValidate() {
		TestApi admin = TestApi.admin(port);
		someRecord();
		await().atMost(Duration.ofSeconds(10)).until(() -> count(admin, "/api/audit") >= 3);
		JsonNode page = admin.get("/api/audit?size=2&page=0").json();
		assertThat(page.get("items").size()).isEqualTo(2);
		assertThat(page.get("size").asInt()).isEqualTo(2);
		long first = page.get("items").get(0).get("seq").asLong();
		long second = page.get("items").get(1).get("seq").asLong();
		assertThat(first).isGreaterThan(second);
		JsonNode next = admin.get("/api/audit?size=2&page=1").json();
		assertThat(next.get("items").get(0).get("seq").asLong()).isLessThan(second);
		assertThat(page.get("totalPages").asLong()).isEqualTo((page.get("totalElements").asLong() + 1) / 2);

		assertThat(admin.get("/api/audit?outcome=DENIED&size=200").json().get("items").valueStream()
			.allMatch(n -> n.get("outcome").asString().equals("DENIED"))).isTrue();
		assertThat(count(admin, "/api/audit?from=2999-01-01T00:00:00Z")).isZero();
		assertThat(count(admin, "/api/audit?to=2000-01-01T00:00:00Z")).isZero();
		assertThat(count(admin, "/api/audit?from=2000-01-01T00:00:00Z")).isPositive();

		assertThat(UsersFields.of(admin.get("/api/audit?size=201"))).containsExactly("size");
		assertThat(UsersFields.of(admin.get("/api/audit?page=-1"))).containsExactly("page");
		assertThat(UsersFields.of(admin.get("/api/audit?outcome=MAYBE"))).containsExactly("outcome");
		assertThat(UsersFields.of(admin.get("/api/audit?from=yesterday"))).containsExactly("from");
	}

	@Test
	void verifyFindsTheNewestRecordsDeletedAndTheHeadRewound() {
		someRecord();
		someRecord();
		quiet();
		long last = headSeq();
		long cut = last - 1; // records cut and last go, the head is rewound to cut - 1
		List<Map<String, Object>> removed = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").param(cut)
			.query().listOfRows();
		Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1").query()
			.singleRow();
		String newHash = jdbc.sql("SELECT hash FROM audit_log WHERE seq = ?").param(cut - 1).query(String.class).single();
		jdbc.sql("DELETE FROM audit_log WHERE seq >= ?").param(cut).update();
		jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(cut - 1, newHash).update();
		try {
			AuditLog.Verification verify = auditLog.verify();
			assertThat(verify.intact()).as(verify.toString()).isFalse();
			assertThat(verify.brokenAtSeq()).isEqualTo(cut);
			assertThat(verify.reason()).startsWith("truncated").contains("record " + last + " was anchored");
		}
		finally {
			for (Map<String, Object> row : removed) {
				reinsert(row);
			}
			jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")
				.params(head.get("last_seq"), head.get("last_hash")).update();
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void verifyFindsAnEditedRecordWhoseChainWasRecomputedWithSha256() {
		long seq = someRecord();
		someRecord();
		quiet();
		List<Map<String, Object>> original = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").param(seq)
			.query().listOfRows();
		Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1").query()
			.singleRow();
		try {
			// as the hash chain was documented: SHA-256 over the canonical string, now with a changed detail
			recomputeWithSha256(seq, "edited by someone with write access to the store", false);
			AuditLog.Verification keptVersion = auditLog.verify();
			assertThat(keptVersion.intact()).isFalse();
			assertThat(keptVersion.brokenAtSeq()).isEqualTo(seq);
			assertThat(keptVersion.reason()).startsWith("hash mismatch");

			// and with the records marked as pre-key records, whose plain SHA-256 verify would otherwise accept
			recomputeWithSha256(seq, "edited by someone with write access to the store", true);
			AuditLog.Verification downgraded = auditLog.verify();
			assertThat(downgraded.intact()).isFalse();
			assertThat(downgraded.brokenAtSeq()).isEqualTo(seq);
			assertThat(downgraded.reason()).startsWith("unkeyed record");
		}
		finally {
			jdbc.sql("DELETE FROM audit_log WHERE seq >= ?").param(seq).update();
			for (Map<String, Object> row : original) {
				reinsert(row);
			}
			jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")
				.params(head.get("last_seq"), head.get("last_hash")).update();
		}
		assertThat(auditLog.verify().intact()).isTrue();
	}

	@Test
	void aRestartedInstanceKeepsVerifyingAndAnotherKeyDoesNot() {
		someRecord();
		quiet();
		// what a restart builds: the same key and anchor file read afresh, nothing remembered in memory
		AuditLog restarted = new AuditLog(jdbc, auditKey, new HeadAnchor(headAnchor.file(), auditKey), segmentRecords, segmentFiles);
		AuditLog.Verification verify = restarted.verify();
		assertThat(verify.intact()).as(verify.toString()).isTrue();
		assertThat(verify.checked()).isEqualTo(headSeq());
		assertThat(headAnchor.read().latest()).isNotNull().extracting(HeadAnchor.Anchor::seq).isEqualTo(headSeq());

		AuditKey other = new AuditKey(new byte[32]);
		AuditLog.Verification wrongKey = new AuditLog(jdbc, other, new HeadAnchor(headAnchor.file(), other), segmentRecords, segmentFiles).verify();
		assertThat(wrongKey.intact()).isFalse();
		assertThat(wrongKey.reason()).startsWith("anchor forged");
		java.nio.file.Path elsewhere = headAnchor.file().resolveSibling("other-instance-head.log");
		AuditLog.Verification freshAnchor = new AuditLog(jdbc, other, new HeadAnchor(elsewhere, other), segmentRecords, segmentFiles).verify();
		assertThat(freshAnchor.intact()).isFalse();
		assertThat(freshAnchor.brokenAtSeq()).isEqualTo(1);
		assertThat(freshAnchor.reason()).startsWith("hash mismatch").contains("sealed under audit key " + auditKey.id());
	}

	@Test
	void keyAndAnchorFilesArePrivate() throws Exception {
		someRecord();
		quiet();
		java.nio.file.Path keyFile = headAnchor.file().getParent().resolveSibling("keys").resolve("audit.key");
		assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile))
			.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		assertThat(java.nio.file.Files.getPosixFilePermissions(headAnchor.file()))
			.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		assertThat(jdbc.sql("SELECT DISTINCT chain_version FROM audit_log").query(Integer.class).list())
			.containsExactly(AuditHash.KEYED);
	}

	/** What an attacker with write access to the store (but not to the key) can do: rewrite from seq on with SHA-256. */
	private void recomputeWithSha256(long seq, String detail, boolean markLegacy) {
		String prev = jdbc.sql("SELECT hash FROM audit_log WHERE seq = ?").param(seq - 1).query(String.class).single();
		List<AuditLog.AuditRecord> rows = jdbc.sql("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").param(seq)
			.query((rs, n) -> new AuditLog.AuditRecord(rs.getLong("seq"),
					rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("actor"),
					rs.getString("source_ip"), rs.getString("action"), rs.getString("target_type"),
					rs.getString("target_id"), dev.steward.shared.AuditEntry.Outcome.valueOf(rs.getString("outcome")),
					rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"), rs.getInt("chain_version")))
			.list();
		for (AuditLog.AuditRecord r : rows) {
			String d = r.seq() == seq ? detail : r.detail();
			String hash = AuditHash.hash(r.seq(), r.occurredAt(), r.actor(), r.sourceIp(), r.action(), r.targetType(),
					r.targetId(), r.outcome().name(), d, prev);
			jdbc.sql("UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ?, chain_version = ? WHERE seq = ?")
				.params(d, prev, hash, markLegacy ? AuditHash.LEGACY : r.chainVersion(), r.seq()).update();
			prev = hash;
		}
		jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")
			.params(rows.getLast().seq(), prev).update();
	}

	private void quiet() {
		AuditTables.quiet(jdbc, headAnchor);
	}

	private long headSeq() {
		return AuditTables.headSeq(jdbc);
	}

	private void reinsert(Map<String, Object> row) {
		AuditTables.reinsert(jdbc, row);
	}

	private long someRecord() {
		TestApi admin = TestApi.admin(port);
		TestUser user = TestUsers.create(port, "VIEWER");
		long seq = awaitOne(admin, "/api/audit?targetId=" + user.id()).get("seq").asLong();
		assertThat(admin.get("/api/audit/verify").json().get("intact").asBoolean()).isTrue();
		return seq;
	}

	private static JsonNode awaitOne(TestApi api, String query) {
		await().atMost(Duration.ofSeconds(10)).until(() -> count(api, query) > 0);
		JsonNode page = api.get(query).json();
		assertThat(page.get("totalElements").asLong()).as(page.toString()).isEqualTo(1);
		return page.get("items").get(0);
	}

	private static long count(TestApi api, String query) {
		Response r = api.get(query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json().get("totalElements").asLong();
	}

	private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
		return AuditTables.lowerCaseKeys(row);
	}

	/** Field names of a 400 problem. */
	static final class UsersFields {

		static List<String> of(Response r) {
			assertThat(r.status()).as(r.body()).isEqualTo(400);
			return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
		}
	}
}

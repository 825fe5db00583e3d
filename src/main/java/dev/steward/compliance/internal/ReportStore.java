package dev.steward.compliance.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.compliance.CheckResult;
import dev.steward.compliance.ComplianceReport;
import dev.steward.compliance.ComplianceReport.ReportSummary;
import dev.steward.shared.PageResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Stored reports ({@code compliance_reports}): the content as JSON, exactly the text whose SHA-256 is recorded. */
@Component
class ReportStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	ReportStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The stored text of a report: what its SHA-256 covers. */
	static String content(Instant generatedAt, String generatedBy, List<CheckResult> checks) {
		ObjectNode root = JSON.createObjectNode();
		root.put("generatedAt", generatedAt.toString());
		root.put("generatedBy", generatedBy);
		root.set("checks", JSON.valueToTree(checks));
		return JSON.writeValueAsString(root);
	}

	static String sha256(String content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JRE", e);
		}
	}

	ComplianceReport insert(Instant at, String by, List<CheckResult> checks) {
		UUID id = UUID.randomUUID();
		String content = content(at, by, checks);
		String sha = sha256(content);
		ReportSummary s = ReportSummary.of(checks);
		jdbc.sql("""
				INSERT INTO compliance_reports (id, created_at, created_by, passed, warned, failed, unavailable, content,
				content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, at.atOffset(ZoneOffset.UTC), by, s.passed(), s.warned(), s.failed(), s.notAvailable(), content,
					sha)
			.update();
		return new ComplianceReport(id, at, by, s, checks, sha);
	}

	PageResult<ComplianceReport.ReportEntry> page(int page, int size) {
		long total = jdbc.sql("SELECT COUNT(*) FROM compliance_reports").query(Long.class).single();
		List<ComplianceReport.ReportEntry> items = jdbc.sql("""
				SELECT id, created_at, created_by, passed, warned, failed, unavailable, content_sha256
				FROM compliance_reports ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")
			.params(size, (long) page * size)
			.query((rs, n) -> new ComplianceReport.ReportEntry(rs.getObject("id", UUID.class),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
					new ReportSummary(rs.getInt("passed"), rs.getInt("warned"), rs.getInt("failed"), rs.getInt("unavailable")),
					rs.getString("content_sha256")))
			.list();
		return PageResult.of(items, page, size, total);
	}

	/** A stored report, read back from its content; the hash is the one recorded when it was stored. */
	Optional<ComplianceReport> find(UUID id) {
		return jdbc.sql("SELECT content, content_sha256 FROM compliance_reports WHERE id = ?")
			.param(id)
			.query((rs, n) -> parse(id, rs.getString("content"), rs.getString("content_sha256")))
			.optional();
	}

	private static ComplianceReport parse(UUID id, String content, String sha) {
		JsonNode root = JSON.readTree(content);
		List<CheckResult> checks = JSON.convertValue(root.get("checks"), new TypeReference<List<CheckResult>>() {
		});
		return new ComplianceReport(id, Instant.parse(root.get("generatedAt").asString()),
				root.get("generatedBy").asString(), ReportSummary.of(checks), checks, sha);
	}
}

package dev.steward.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The store's rows for sealed archive segments ({@code audit_archive_segment}). */
@Component
class SegmentRecords {

	private final JdbcClient jdbc;

	SegmentRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Segment> all() {
		return jdbc.sql("SELECT * FROM audit_archive_segment ORDER BY first_seq").query((rs, n) -> map(rs)).list();
	}

	Optional<Segment> newest() {
		return jdbc.sql("SELECT * FROM audit_archive_segment ORDER BY last_seq DESC LIMIT 1")
			.query((rs, n) -> map(rs))
			.optional();
	}

	long newestLastSeq() {
		return newest().map(Segment::lastSeq).orElse(0L);
	}

	void insert(Segment s) {
		jdbc.sql("""
				INSERT INTO audit_archive_segment (first_seq, last_seq, last_hash, row_count, file_name, content_sha256,
				sealed_at, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(s.firstSeq(), s.lastSeq(), s.lastHash(), s.rows(), s.fileName(), s.contentSha256(),
					s.sealedAt().atOffset(ZoneOffset.UTC), s.seal())
			.update();
	}

	private static Segment map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Segment(rs.getLong("first_seq"), rs.getLong("last_seq"), rs.getString("last_hash"),
				rs.getLong("row_count"), rs.getString("file_name"), rs.getString("content_sha256"),
				rs.getObject("sealed_at", OffsetDateTime.class).toInstant(), rs.getString("seal"));
	}
}

package dev.steward.job.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.job.JobFailure;
import dev.steward.job.JobKind;
import dev.steward.job.JobPhase;
import dev.steward.job.JobProgress;
import dev.steward.job.JobQuery;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.ProgressUnit;
import dev.steward.job.ReasonCode;
import dev.steward.shared.PageResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code jobs} table. Every state change is conditional on the state it leaves, so two instances racing
 * (a lease reaper and a late owner) cannot both finish a job.
 */
@Repository
public class JobRecords {

	private static final String OPEN = "('QUEUED', 'RUNNING')";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	JobRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A job row with what only its module reads back. */
	public record Stored(JobView view, Map<String, String> remembered) {
	}

	void insert(JobView j, @Nullable UUID startedById) {
		jdbc.sql("""
				INSERT INTO jobs (id, kind, status, phase, connection_id, subject_id, started_by, started_by_name,
				  created_at, instance_id, heartbeat_at, progress_done)
				VALUES (:id, :kind, :status, :phase, :cid, :sid, :by, :byName, :at, :instance, :at, 0)""")
			.param("id", j.id()).param("kind", j.kind().name()).param("status", j.status().name())
			.param("phase", j.phase().name()).param("cid", j.connectionId()).param("sid", j.subjectId())
			.param("by", startedById).param("byName", j.startedBy()).param("at", j.createdAt())
			.param("instance", j.instanceId()).update();
	}

	boolean markRunning(UUID id, OffsetDateTime at) {
		return jdbc.sql("UPDATE jobs SET status = 'RUNNING', started_at = :at, heartbeat_at = :at WHERE id = :id AND status = 'QUEUED'")
			.param("at", at).param("id", id).update() == 1;
	}

	/** Renews the lease and stores live phase and progress; false if the job is no longer this instance's. */
	boolean heartbeat(UUID id, String instance, OffsetDateTime at, JobPhase phase, JobProgress progress) {
		return jdbc.sql("UPDATE jobs SET heartbeat_at = :at, phase = :phase, progress_done = :done, progress_total = :total,"
				+ " progress_unit = :unit WHERE id = :id AND instance_id = :instance AND status IN " + OPEN)
			.param("at", at).param("phase", phase.name()).param("done", progress.done()).param("total", progress.total())
			.param("unit", progress.unit() == null ? null : progress.unit().name()).param("id", id)
			.param("instance", instance).update() == 1;
	}

	/** Moves an open job to its final state; false when it was already finished (by another instance). */
	boolean finish(UUID id, JobStatus status, OffsetDateTime at, JobPhase phase, JobProgress progress,
			@Nullable JobFailure failure, @Nullable String resultRef, @Nullable String summary, @Nullable String resultJson) {
		return jdbc.sql("UPDATE jobs SET status = :status, finished_at = :at, phase = :phase, progress_done = :done,"
				+ " progress_total = :total, progress_unit = :unit, reason = :reason, message = :message,"
				+ " result_ref = :ref, summary = :summary, result_json = :json WHERE id = :id AND status IN " + OPEN)
			.param("status", status.name()).param("at", at).param("phase", phase.name())
			.param("done", progress.done()).param("total", progress.total())
			.param("unit", progress.unit() == null ? null : progress.unit().name())
			.param("reason", failure == null ? null : failure.reason().name())
			.param("message", failure == null ? null : abbreviate(failure.message(), 2000))
			.param("ref", resultRef).param("summary", summary == null ? null : abbreviate(summary, 2000))
			.param("json", resultJson).param("id", id).update() == 1;
	}

	void requestCancel(UUID id, String by) {
		jdbc.sql("UPDATE jobs SET cancel_requested = :by WHERE id = :id AND cancel_requested IS NULL AND status IN " + OPEN)
			.param("by", by).param("id", id).update();
	}

	/** Of {@code ids}, those someone asked to cancel, with who asked. */
	Map<UUID, String> cancelRequests(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, String> out = new HashMap<>();
		jdbc.sql("SELECT id, cancel_requested FROM jobs WHERE id IN (:ids) AND cancel_requested IS NOT NULL")
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> out.put(rs.getObject("id", UUID.class), rs.getString("cancel_requested")))
			.list();
		return out;
	}

	void remember(UUID id, Map<String, String> remembered) {
		jdbc.sql("UPDATE jobs SET remembered = :r WHERE id = :id")
			.param("r", JSON.writeValueAsString(remembered)).param("id", id).update();
	}

	/** Open jobs whose lease is older than {@code before}, except {@code mine} (running here). */
	List<Stored> expired(OffsetDateTime before, Set<UUID> mine) {
		return jdbc.sql("SELECT * FROM jobs WHERE status IN " + OPEN + " AND heartbeat_at < :before")
			.param("before", before).query(JobRecords::map).list().stream()
			.filter(s -> !mine.contains(s.view().id())).toList();
	}

	/** Open jobs held by {@code instance}: at start-up, what its previous run left. */
	List<Stored> openOf(String instance) {
		return jdbc.sql("SELECT * FROM jobs WHERE status IN " + OPEN + " AND instance_id = :instance")
			.param("instance", instance).query(JobRecords::map).list();
	}

	Optional<Stored> find(UUID id) {
		return jdbc.sql("SELECT * FROM jobs WHERE id = :id").param("id", id).query(JobRecords::map).optional();
	}

	Optional<UUID> startedBy(UUID id) {
		return jdbc.sql("SELECT started_by FROM jobs WHERE id = :id").param("id", id).query(UUID.class).optional();
	}

	long countFailed(UUID connectionId, OffsetDateTime since) {
		return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE connection_id = :c AND status = 'FAILED' AND finished_at >= :since")
			.param("c", connectionId).param("since", since).query(Long.class).single();
	}

	Optional<String> resultJson(UUID id) {
		return jdbc.sql("SELECT result_json FROM jobs WHERE id = :id").param("id", id).query(String.class).optional();
	}

	/**
	 * One page, newest first. {@code visibleConnections} null: everything; else jobs on those connections or
	 * started by {@code userId}.
	 */
	PageResult<JobView> page(JobQuery q, @Nullable Set<UUID> visibleConnections, @Nullable UUID userId, int page,
			int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (visibleConnections != null) {
			where.append(visibleConnections.isEmpty() ? " AND started_by = :me"
					: " AND (connection_id IN (:visible) OR started_by = :me)");
			if (!visibleConnections.isEmpty()) {
				params.put("visible", List.copyOf(visibleConnections));
			}
			params.put("me", userId);
		}
		if (q.kind() != null) {
			where.append(" AND kind = :kind");
			params.put("kind", q.kind().name());
		}
		if (q.status() != null) {
			where.append(" AND status = :status");
			params.put("status", q.status().name());
		}
		if (q.connectionId() != null) {
			where.append(" AND connection_id = :cid");
			params.put("cid", q.connectionId());
		}
		if (q.subjectId() != null) {
			where.append(" AND subject_id = :sid");
			params.put("sid", q.subjectId());
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM jobs" + where).params(params).query(Long.class).single();
		List<JobView> rows = jdbc
			.sql("SELECT * FROM jobs" + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
			.params(params).param("limit", size).param("offset", (long) page * size)
			.query(JobRecords::map).list().stream().map(Stored::view).toList();
		return PageResult.of(rows, page, size, total);
	}

	static Stored map(ResultSet rs, int n) throws SQLException {
		String unit = rs.getString("progress_unit");
		String reason = rs.getString("reason");
		JobProgress progress = new JobProgress(rs.getLong("progress_done"), rs.getObject("progress_total", Long.class),
				unit == null ? null : ProgressUnit.valueOf(unit));
		JobFailure failure = reason == null ? null
				: new JobFailure(ReasonCode.valueOf(reason), String.valueOf(rs.getString("message")));
		JobView view = new JobView(rs.getObject("id", UUID.class), JobKind.valueOf(rs.getString("kind")),
				JobStatus.valueOf(rs.getString("status")), JobPhase.valueOf(rs.getString("phase")),
				rs.getObject("connection_id", UUID.class), rs.getObject("subject_id", UUID.class),
				rs.getString("started_by_name"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
				rs.getObject("heartbeat_at", OffsetDateTime.class), rs.getString("instance_id"), progress,
				rs.getString("result_ref"), rs.getString("summary"), failure, rs.getString("cancel_requested") != null);
		String remembered = rs.getString("remembered");
		Map<String, String> facts = remembered == null ? Map.of()
				: JSON.readValue(remembered, new TypeReference<Map<String, String>>() {
				});
		return new Stored(view, facts);
	}

	static String abbreviate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}

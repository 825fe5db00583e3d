package dev.steward.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The figures a {@link HealthSampling} sample can carry, each with its unit and kind. A {@link Kind#COUNTER} is a
 * raw, ever-growing server counter; the monitor turns two of them into a per-second rate. Names are stable: they
 * are stored, exported to Prometheus and used in the API ({@link #id()}).
 */
public enum HealthMetric {

	/** 1 when the target answered, 0 when not (the monitor records it; engines need not). */
	UP(Unit.BOOLEAN, Kind.GAUGE),
	LATENCY(Unit.MILLISECONDS, Kind.GAUGE),
	CONNECTIONS(Unit.COUNT, Kind.GAUGE),
	MAX_CONNECTIONS(Unit.COUNT, Kind.GAUGE),
	CONNECTION_USAGE(Unit.PERCENT, Kind.GAUGE),
	SESSIONS_ACTIVE(Unit.COUNT, Kind.GAUGE),
	SESSIONS_IDLE(Unit.COUNT, Kind.GAUGE),
	SESSIONS_IDLE_IN_TRANSACTION(Unit.COUNT, Kind.GAUGE),
	SESSIONS_WAITING(Unit.COUNT, Kind.GAUGE),
	BLOCKED_SESSIONS(Unit.COUNT, Kind.GAUGE),
	LONGEST_QUERY(Unit.SECONDS, Kind.GAUGE),
	LONGEST_TRANSACTION(Unit.SECONDS, Kind.GAUGE),
	COMMITS(Unit.COUNT, Kind.COUNTER),
	ROLLBACKS(Unit.COUNT, Kind.COUNTER),
	TUPLES_RETURNED(Unit.COUNT, Kind.COUNTER),
	TUPLES_FETCHED(Unit.COUNT, Kind.COUNTER),
	TUPLES_INSERTED(Unit.COUNT, Kind.COUNTER),
	TUPLES_UPDATED(Unit.COUNT, Kind.COUNTER),
	TUPLES_DELETED(Unit.COUNT, Kind.COUNTER),
	BLOCKS_READ(Unit.COUNT, Kind.COUNTER),
	BLOCKS_HIT(Unit.COUNT, Kind.COUNTER),
	CACHE_HIT_RATIO(Unit.PERCENT, Kind.GAUGE),
	DEADLOCKS(Unit.COUNT, Kind.COUNTER),
	TEMP_BYTES(Unit.BYTES, Kind.COUNTER),
	XID_AGE(Unit.COUNT, Kind.GAUGE),
	DATABASE_SIZE(Unit.BYTES, Kind.GAUGE),
	THREADS_RUNNING(Unit.COUNT, Kind.GAUGE),
	QUESTIONS(Unit.COUNT, Kind.COUNTER),
	SLOW_QUERIES(Unit.COUNT, Kind.COUNTER),
	BUFFER_POOL_READS(Unit.COUNT, Kind.COUNTER),
	BUFFER_POOL_READ_REQUESTS(Unit.COUNT, Kind.COUNTER),
	ROW_LOCK_WAITS(Unit.COUNT, Kind.COUNTER),
	ABORTED_CONNECTS(Unit.COUNT, Kind.COUNTER),
	FILE_SIZE(Unit.BYTES, Kind.GAUGE),
	WAL_SIZE(Unit.BYTES, Kind.GAUGE),
	PAGE_COUNT(Unit.COUNT, Kind.GAUGE),
	FREELIST_COUNT(Unit.COUNT, Kind.GAUGE),
	CONNECTIONS_AVAILABLE(Unit.COUNT, Kind.GAUGE),
	OPS_INSERT(Unit.COUNT, Kind.COUNTER),
	OPS_QUERY(Unit.COUNT, Kind.COUNTER),
	OPS_UPDATE(Unit.COUNT, Kind.COUNTER),
	OPS_DELETE(Unit.COUNT, Kind.COUNTER),
	OPS_GETMORE(Unit.COUNT, Kind.COUNTER),
	OPS_COMMAND(Unit.COUNT, Kind.COUNTER),
	MEMORY_RESIDENT(Unit.BYTES, Kind.GAUGE),
	DATA_SIZE(Unit.BYTES, Kind.GAUGE),
	STORAGE_SIZE(Unit.BYTES, Kind.GAUGE),
	INDEX_SIZE(Unit.BYTES, Kind.GAUGE);

	/** A gauge is a level now; a counter only grows (until the server restarts) and is charted as a rate. */
	public enum Kind {
		GAUGE, COUNTER
	}

	public enum Unit {
		MILLISECONDS, SECONDS, BYTES, COUNT, PERCENT, BOOLEAN
	}

	private final Unit unit;

	private final Kind kind;

	HealthMetric(Unit unit, Kind kind) {
		this.unit = unit;
		this.kind = kind;
	}

	public Unit unit() {
		return unit;
	}

	public Kind kind() {
		return kind;
	}

	/** The stored and API name: lower case with underscores ({@code commits}, {@code cache_hit_ratio}). */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<HealthMetric> byId(String id) {
		for (HealthMetric m : values()) {
			if (m.id().equals(id)) {
				return Optional.of(m);
			}
		}
		return Optional.empty();
	}
}

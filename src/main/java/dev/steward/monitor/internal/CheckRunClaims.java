package dev.steward.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who runs the check rules of an interval (the {@code alert_check_runs} row): the first instance whose conditional
 * update moves {@code next_due} past now. The next round is due a little before a full interval (90 %) so the
 * instance that ran this one, its timer drifting, is not always beaten by a hair; any instance takes over when the
 * one that ran stops.
 */
@Component
public class CheckRunClaims {

	private final JdbcClient jdbc;

	private final String owner = "steward-" + UUID.randomUUID();

	CheckRunClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether this instance runs the round due at {@code now}; at most one instance per interval answers true. */
	public boolean claim(Instant now, Duration interval) {
		return claim(owner, now, interval);
	}

	/** As {@link #claim(Instant, Duration)} for the instance named {@code who}. */
	public boolean claim(String who, Instant now, Duration interval) {
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		OffsetDateTime next = at.plus(interval.multipliedBy(9).dividedBy(10));
		return jdbc.sql("UPDATE alert_check_runs SET next_due = :next, owner = :owner WHERE id = 1 AND next_due <= :now")
			.param("next", next).param("owner", who).param("now", at).update() == 1;
	}
}

package dev.steward.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;

/**
 * Rejected calls nobody is logged in for, counted in memory per source address and outcome and written off the
 * request path: each window (and at shutdown) one record per address — the call itself when it was alone, else
 * "42 rejected anonymous calls …, e.g. POST /api/x → 401". Anyone can send those calls, so writing each one
 * into the chain synchronously would let a stranger flood the log and slow every request. At most
 * {@code anonymousMaxAddresses} addresses are counted separately per window; the rest share a catch-all count,
 * so memory stays bounded whatever the flood.
 */
@Component
class AnonymousRejections implements SmartLifecycle {

	static final String ACTION = "http.anonymous";

	private static final Logger logger = LoggerFactory.getLogger(AnonymousRejections.class);

	/** {@code address} null is the catch-all for addresses beyond the tracked ones. */
	private record Key(@Nullable String address, Outcome outcome) {
	}

	private static final class Tally {

		final AuditEntry first;

		long count;

		Tally(AuditEntry first) {
			this.first = first;
		}
	}

	private final AuditLog log;

	private final Duration window;

	private final int maxAddresses;

	private Map<Key, Tally> tallies = new HashMap<>(); // guarded by this

	private @Nullable ScheduledExecutorService scheduler;

	AnonymousRejections(AuditLog log, AuditProperties properties) {
		this.log = log;
		this.window = properties.anonymousWindow();
		this.maxAddresses = properties.anonymousMaxAddresses();
	}

	/** Counts one rejected anonymous call; cheap and never touches the store. */
	void record(AuditEntry entry) {
		Key key = new Key(entry.actor().sourceIp(), entry.outcome());
		synchronized (this) {
			Tally tally = tallies.get(key);
			if (tally == null && tallies.size() >= maxAddresses) {
				key = new Key(null, entry.outcome());
				tally = tallies.get(key);
			}
			if (tally == null) {
				tally = new Tally(entry);
				tallies.put(key, tally);
			}
			tally.count++;
		}
	}

	/** Writes what was counted since the last flush. */
	void flush() {
		Map<Key, Tally> batch;
		synchronized (this) {
			if (tallies.isEmpty()) {
				return;
			}
			batch = tallies;
			tallies = new HashMap<>();
		}
		for (Map.Entry<Key, Tally> e : batch.entrySet()) {
			try {
				log.append(e.getValue().count == 1 ? e.getValue().first : aggregate(e.getKey(), e.getValue()));
			}
			catch (RuntimeException ex) {
				logger.error("Could not record {} rejected anonymous calls from {} in the audit log",
						e.getValue().count, e.getKey().address() == null ? "other addresses" : e.getKey().address(), ex);
			}
		}
	}

	private AuditEntry aggregate(Key key, Tally tally) {
		String from = key.address() == null ? " from addresses beyond the " + maxAddresses + " counted separately" : "";
		String detail = tally.count + " rejected anonymous calls" + from + " since "
				+ tally.first.occurredAt().truncatedTo(ChronoUnit.SECONDS) + ", e.g. " + tally.first.detail();
		return new AuditEntry(Instant.now(), new Actor("anonymous", key.address()), ACTION, "api", null,
				key.outcome(), detail);
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "audit-anonymous-flush");
			t.setDaemon(true);
			return t;
		});
		long millis = window.toMillis();
		executor.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
		scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor;
		synchronized (this) {
			executor = scheduler;
			scheduler = null;
		}
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		flushQuietly();
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

	/** Stops after the web server (which stops in a higher phase), so the last rejections are counted too. */
	@Override
	public int getPhase() {
		return 0;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException e) {
			logger.error("Could not flush the counted anonymous rejections", e);
		}
	}
}

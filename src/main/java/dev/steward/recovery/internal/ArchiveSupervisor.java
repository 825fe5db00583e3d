package dev.steward.recovery.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.engine.ToolControl;
import dev.steward.recovery.ArchiverState;

/**
 * Keeps one server's WAL receiver running: starts it, sweeps completed files into storage every second, and when
 * the receiver exits records why and starts it again after a growing pause (1 s doubling to 60 s; back to 1 s after
 * a minute of running), so an unreachable server is retried without a busy loop.
 */
final class ArchiveSupervisor implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(ArchiveSupervisor.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

	private final UUID connectionId;

	private final Supplier<ConnectionSpec> spec;

	private final PhysicalBackupCapability engine;

	private final RecoveryRecords records;

	private final RecoveryDirs dirs;

	private final WalSweeper sweeper;

	private volatile boolean stopped;

	private volatile @Nullable Process process;

	ArchiveSupervisor(UUID connectionId, Supplier<ConnectionSpec> spec, PhysicalBackupCapability engine,
			RecoveryRecords records, RecoveryDirs dirs, WalSweeper sweeper) {
		this.connectionId = connectionId;
		this.spec = spec;
		this.engine = engine;
		this.records = records;
		this.dirs = dirs;
		this.sweeper = sweeper;
	}

	void stop() {
		stopped = true;
		Process p = process;
		if (p != null) {
			ToolControl.destroyTree(p);
		}
	}

	boolean stopped() {
		return stopped;
	}

	@Override
	public void run() {
		Duration backoff = Duration.ofSeconds(1);
		while (!stopped) {
			long started = System.nanoTime();
			String reason;
			try {
				reason = runOnce();
			}
			catch (Exception e) {
				reason = String.valueOf(e.getMessage());
			}
			if (stopped) {
				break;
			}
			if (System.nanoTime() - started > Duration.ofMinutes(1).toNanos()) {
				backoff = Duration.ofSeconds(1);
			}
			log.warn("WAL archiver of connection {} stopped ({}); restarting in {} s", connectionId, reason,
					backoff.toSeconds());
			records.archiveState(connectionId, ArchiverState.FAILED, reason + " (restarting in " + backoff.toSeconds() + " s)");
			pause(backoff);
			backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
		}
	}

	/** One life of the receiver; answers why it ended. */
	private String runOnce() throws Exception {
		RecoveryRecords.Archive archive = records.archive(connectionId)
			.orElseThrow(() -> new IllegalStateException("the archive's record is gone"));
		Path incoming = dirs.incoming(connectionId);
		Path logFile = dirs.log(connectionId);
		Files.deleteIfExists(logFile);
		sweeper.sweep(connectionId, incoming, engine, archive);
		Process p = engine.startWalReceiver(spec.get(), archive.slotName(), incoming, logFile);
		process = p;
		try {
			if (stopped) {
				return "stopped";
			}
			records.archiveState(connectionId, ArchiverState.RUNNING, null);
			while (p.isAlive() && !stopped) {
				sweeper.sweep(connectionId, incoming, engine, archive);
				pause(Duration.ofSeconds(1));
			}
			sweeper.sweep(connectionId, incoming, engine, archive);
			return stopped ? "stopped" : "the WAL receiver exited with code " + p.waitFor() + ": " + tail(logFile);
		}
		finally {
			ToolControl.destroyTree(p);
			process = null;
		}
	}

	private static String tail(Path logFile) {
		try {
			String text = Files.readString(logFile).strip();
			return text.length() > 600 ? text.substring(text.length() - 600) : text;
		}
		catch (java.io.IOException e) {
			return "(no log)";
		}
	}

	private void pause(Duration d) {
		long until = System.nanoTime() + d.toNanos();
		while (!stopped && System.nanoTime() < until) {
			try {
				Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				stopped = true;
			}
		}
	}
}

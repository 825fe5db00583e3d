package dev.steward.recovery.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.steward.backup.SealedObjects;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.Engines;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.recovery.ArchiverState;

/**
 * The WAL archivers this Steward instance runs: one supervised receiver thread per protected server, resumed at
 * start for every archive not deliberately stopped, stopped (receiver killed, state kept) on shutdown.
 */
@Component
public class WalArchiver implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WalArchiver.class);

	private final Map<UUID, ArchiveSupervisor> running = new ConcurrentHashMap<>();

	private final RecoveryRecords records;

	private final RecoveryDirs dirs;

	private final ConnectionLookup connections;

	private final Engines engines;

	private final WalSweeper sweeper;

	WalArchiver(RecoveryRecords records, RecoveryDirs dirs, ConnectionLookup connections, Engines engines,
			SealedObjects sealed) {
		this.records = records;
		this.dirs = dirs;
		this.connections = connections;
		this.engines = engines;
		this.sweeper = new WalSweeper(records, sealed);
	}

	/** Starts the connection's archiver unless it runs already. */
	public void start(UUID connectionId) {
		running.computeIfAbsent(connectionId, id -> {
			ResolvedConnection c = connections.resolveAsSystem(id);
			PhysicalBackupCapability engine = engines.capability(c.engine(), PhysicalBackupCapability.class);
			ArchiveSupervisor s = new ArchiveSupervisor(id, c::spec, engine, records, dirs, sweeper);
			Thread.ofPlatform().daemon().name("wal-archiver-" + id).start(s);
			return s;
		});
	}

	/** Stops the connection's archiver here (its receiver killed); answers whether this instance ran it. */
	public boolean stop(UUID connectionId) {
		ArchiveSupervisor s = running.remove(connectionId);
		if (s == null) {
			return false;
		}
		s.stop();
		return true;
	}

	public boolean isRunning(UUID connectionId) {
		ArchiveSupervisor s = running.get(connectionId);
		return s != null && !s.stopped();
	}

	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		for (UUID id : records.resumable()) {
			try {
				start(id);
			}
			catch (RuntimeException e) {
				log.warn("Cannot resume the WAL archiver of connection {}: {}", id, e.getMessage());
				records.archiveState(id, ArchiverState.FAILED, "Not resumed at start: " + e.getMessage());
			}
		}
	}

	@Override
	public void destroy() {
		running.values().forEach(ArchiveSupervisor::stop);
		running.clear();
	}
}

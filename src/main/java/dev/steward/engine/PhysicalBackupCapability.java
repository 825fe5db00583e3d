package dev.steward.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Physical backups and point-in-time recovery: what the server needs (each missing prerequisite with its fix), a
 * replication slot Steward names, a continuous WAL receiver, base backups, restore points, and a restored server
 * started from a base backup plus archived WAL. Every connect is bounded by {@link TargetAccess}; tools run from
 * argument arrays with secrets in the environment.
 */
public interface PhysicalBackupCapability extends EngineCapability {

	/** One prerequisite: what was found and, when not met, how to fix it. */
	record Prerequisite(String name, boolean met, String found, String fix) {
	}

	/** What the archive needs to know of the server: its major version and the WAL segment size in bytes. */
	record ServerFacts(int major, String version, long segmentSize) {
	}

	/** Every prerequisite, met or not; never throws for an unmet one (an unreachable server is {@link ToolUnavailable}). */
	List<Prerequisite> prerequisites(ConnectionSpec spec);

	ServerFacts facts(ConnectionSpec spec);

	/** Creates the physical slot reserving WAL from now on, unless it exists. */
	void ensureSlot(ConnectionSpec spec, String slot);

	/** Drops the slot if it exists (the receiver must have stopped), so the server stops keeping WAL for it. */
	void dropSlot(ConnectionSpec spec, String slot);

	/** Bytes of WAL the slot holds back on the server; null when there is no such slot. */
	@Nullable Long slotRetainedBytes(ConnectionSpec spec, String slot);

	/**
	 * Starts the continuous WAL receiver on {@code slot} writing into {@code dir} (stderr to {@code log}); the caller
	 * supervises and stops the process. Completed files are those {@link #walSequence} or {@link #isHistoryFile} accept.
	 */
	Process startWalReceiver(ConnectionSpec spec, String slot, Path dir, Path log) throws IOException;

	/** A completed WAL segment's position in the sequence ({@code -1} for anything else, e.g. a partial one). */
	long walSequence(String fileName, long segmentSize);

	/** A timeline history file, kept with the segments. */
	boolean isHistoryFile(String fileName);

	/** Where a base backup starts and ends in the WAL, as segment sequence numbers and positions. */
	record BaseBackup(String startLsn, String endLsn, long startSequence, long endSequence) {
	}

	/** Takes a base backup (a tar of the data directory, WAL excluded: the archive holds it) into {@code dir}/base.tar. */
	BaseBackup baseBackup(ConnectionSpec spec, long segmentSize, Path dir, ToolControl control) throws IOException;

	/** Sets a named restore point on the server (the name bound as a parameter); answers its position. */
	String createRestorePoint(ConnectionSpec spec, String name);

	/** Whether {@code lsn} is a well-formed WAL position. */
	boolean validLsn(String lsn);

	/** A position as a number, for comparisons; {@link IllegalArgumentException} when not {@link #validLsn}. */
	long lsnValue(String lsn);

	/** The segment sequence number holding a position. */
	default long sequenceOf(String lsn, long segmentSize) {
		return lsnValue(lsn) / segmentSize;
	}

	/** Where recovery stops: a time, a position, a restore point, or (all null) the end of the archived WAL. */
	record RecoveryTarget(@Nullable Instant time, @Nullable String lsn, @Nullable String restorePoint) {
	}

	/** Unpacks a base backup tar file (already checked) into the empty {@code dataDir}. */
	void unpackBase(Path tar, Path dataDir, ToolControl control) throws IOException;

	/** Writes the recovery settings: fetch WAL from {@code walDir}, stop at {@code target}, then promote. */
	void configureRecovery(Path dataDir, Path walDir, RecoveryTarget target) throws IOException;

	/** A running restored server (same roles and passwords as the original) and the position recovery reached. */
	record RestoredServer(Process process, String reachedLsn) {
	}

	/**
	 * Starts a server of {@code major} on {@code dataDir} listening on 127.0.0.1:{@code port} only, and waits (bounded)
	 * until recovery ended and it accepts writes; answers the position recovery reached.
	 */
	RestoredServer startRestored(int major, Path dataDir, int port, ConnectionSpec login, Path log, ToolControl control)
			throws IOException;
}

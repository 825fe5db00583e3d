package dev.steward.recovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Point-in-time recovery of one server as the API shows it.
 *
 * @param enabled           whether Steward archives this server's WAL (false: nothing below is filled)
 * @param archiver          the receiver's state; {@code reason} says why it is not running
 * @param slotRetainedBytes WAL the server keeps for Steward's slot; null when unknown (server unreachable)
 * @param lastSegment       the newest archived WAL segment, and when it was completed
 * @param window            from the oldest usable base backup to the last segment of an unbroken chain; null: none yet
 * @param gap               a hole in the archived WAL sequence (the window stops before it); null: none
 */
public record RecoveryStatus(UUID connectionId, boolean enabled, @Nullable ArchiverState archiver,
		@Nullable String reason, @Nullable String slot, @Nullable Long slotRetainedBytes, @Nullable String lastSegment,
		@Nullable Instant lastSegmentAt, int archivedFiles, @Nullable RecoverableWindow window, @Nullable String gap,
		List<PhysicalBaseBackup> baseBackups, List<RestorePointView> restorePoints, List<RestoredInstanceView> restoredInstances) {

	public record RecoverableWindow(Instant from, Instant to) {
	}

	public record PhysicalBaseBackup(UUID id, String status, Instant startedAt, @Nullable Instant finishedAt,
			@Nullable String startLsn, @Nullable String endLsn, @Nullable Long storedSize, @Nullable String error) {
	}

	public record RestorePointView(String name, String lsn, Instant createdAt, String createdBy) {
	}

	/** @param connectionId the connection Steward registered for it */
	public record RestoredInstanceView(UUID connectionId, int port, String target, @Nullable String reachedLsn,
			Instant createdAt, String createdBy, boolean running) {
	}

	static RecoveryStatus disabled(UUID connectionId) {
		return new RecoveryStatus(connectionId, false, null, null, null, null, null, null, 0, null, null, List.of(),
				List.of(), List.of());
	}
}

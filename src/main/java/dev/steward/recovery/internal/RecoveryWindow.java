package dev.steward.recovery.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.steward.recovery.internal.RecoveryRecords.BaseBackupRow;
import dev.steward.recovery.internal.RecoveryRecords.WalFile;

/**
 * The recoverable window of an archive: from the oldest base backup whose WAL chain is complete up to the last
 * segment of the newest unbroken chain. A hole in the segment sequence is reported, and the window stops before it
 * (a restore cannot replay past a missing segment).
 *
 * @param from     the earliest moment a restore can reach (the oldest usable base backup's end); null: no window
 * @param to       when the last usable segment was completed; null: no window
 * @param lastFile the last usable segment's file name
 * @param gap      the first hole in the sequence, described; null when there is none
 * @param bases    usable base backups reaching {@code lastSeq}, newest first
 */
public record RecoveryWindow(@Nullable Instant from, @Nullable Instant to, @Nullable String lastFile, long lastSeq,
		@Nullable String gap, List<BaseBackupRow> bases) {

	public static RecoveryWindow of(List<WalFile> files, List<BaseBackupRow> allBases) {
		TreeMap<Long, WalFile> segments = new TreeMap<>();
		files.stream().filter(f -> f.seqNo() >= 0).forEach(f -> segments.put(f.seqNo(), f));
		String gap = gap(segments);
		List<BaseBackupRow> complete = allBases.stream()
			.filter(b -> b.status().equals("COMPLETED") && b.startSeq() != null && b.endSeq() != null && b.finishedAt() != null)
			.sorted(Comparator.comparing(BaseBackupRow::finishedAt).reversed())
			.toList();
		long tail = -1;
		for (BaseBackupRow b : complete) {
			long reach = reach(segments, b.startSeq());
			if (reach >= b.endSeq()) {
				tail = reach;
				break;
			}
		}
		if (tail < 0) {
			return new RecoveryWindow(null, null, null, -1, gap, List.of());
		}
		List<BaseBackupRow> usable = new ArrayList<>();
		for (BaseBackupRow b : complete) {
			if (reach(segments, b.startSeq()) == tail) {
				usable.add(b);
			}
		}
		Instant from = usable.getLast().finishedAt().toInstant();
		WalFile last = segments.get(tail);
		return new RecoveryWindow(from, last.completedAt().toInstant(), last.fileName(), tail, gap, List.copyOf(usable));
	}

	/** The last sequence number reached without a hole from {@code start}; -1 when {@code start} itself is missing. */
	static long reach(TreeMap<Long, WalFile> segments, long start) {
		if (!segments.containsKey(start)) {
			return -1;
		}
		long n = start;
		while (segments.containsKey(n + 1)) {
			n++;
		}
		return n;
	}

	private static @Nullable String gap(TreeMap<Long, WalFile> segments) {
		Long previous = null;
		for (Map.Entry<Long, WalFile> e : segments.entrySet()) {
			if (previous != null && e.getKey() != previous + 1) {
				return "WAL is missing after " + segments.get(previous).fileName() + " (next archived: "
						+ e.getValue().fileName() + ", " + (e.getKey() - previous - 1) + " segment(s) missing)";
			}
			previous = e.getKey();
		}
		return null;
	}

	/** The newest usable base backup that ended no later than {@code time}. */
	public @Nullable BaseBackupRow baseFor(Instant time) {
		return bases.stream().filter(b -> !b.finishedAt().toInstant().isAfter(time)).findFirst().orElse(null);
	}

	/** The newest usable base backup whose end position is no later than {@code position}. */
	public @Nullable BaseBackupRow baseFor(long position, java.util.function.ToLongFunction<String> lsnValue) {
		return bases.stream().filter(b -> b.endLsn() != null && lsnValue.applyAsLong(b.endLsn()) <= position)
			.findFirst().orElse(null);
	}
}

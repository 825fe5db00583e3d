package dev.steward.recovery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.steward.recovery.internal.RecoveryRecords.BaseBackupRow;
import dev.steward.recovery.internal.RecoveryRecords.WalFile;

class RecoveryWindowTests {

	private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static WalFile seg(long seq) {
		return new WalFile(String.format("00000001%08X%08X", seq / 256, seq % 256), seq, "o" + seq, "sha", 1,
				T0.plusMinutes(seq));
	}

	private static BaseBackupRow base(long start, long end, int finishedMinute) {
		return new BaseBackupRow(UUID.randomUUID(), "COMPLETED", "b", "sha", 1L, "0/0", "0/0", start, end,
				T0.plusMinutes(finishedMinute - 1), T0.plusMinutes(finishedMinute), null);
	}

	private static List<WalFile> segs(long from, long to, long... missing) {
		List<WalFile> list = new ArrayList<>();
		for (long s = from; s <= to; s++) {
			long n = s;
			if (java.util.Arrays.stream(missing).noneMatch(m -> m == n)) {
				list.add(seg(s));
			}
		}
		return list;
	}

	@Test
	void anUnbrokenChainSpansFromTheOldestBaseBackupToTheLastSegment() {
		RecoveryWindow w = RecoveryWindow.of(segs(2, 9), List.of(base(5, 6, 6), base(2, 3, 3)));
		assertThat(w.from()).isEqualTo(T0.plusMinutes(3).toInstant());
		assertThat(w.to()).isEqualTo(T0.plusMinutes(9).toInstant());
		assertThat(w.lastSeq()).isEqualTo(9);
		assertThat(w.gap()).isNull();
		assertThat(w.bases()).hasSize(2);
	}

	@Test
	void aHoleIsReportedAndTheWindowStopsBeforeIt() {
		RecoveryWindow w = RecoveryWindow.of(segs(2, 9, 7), List.of(base(2, 3, 3)));
		assertThat(w.gap()).contains("000000010000000000000006").contains("1 segment(s) missing");
		assertThat(w.lastSeq()).isEqualTo(6);
		assertThat(w.to()).isEqualTo(T0.plusMinutes(6).toInstant());
	}

	@Test
	void aBaseBackupBehindTheHoleNoLongerCounts() {
		// the newer base backup's chain reaches 9; the older one stops at 3, so only the newer one is usable
		RecoveryWindow w = RecoveryWindow.of(segs(2, 9, 4), List.of(base(5, 6, 6), base(2, 3, 3)));
		assertThat(w.from()).isEqualTo(T0.plusMinutes(6).toInstant());
		assertThat(w.bases()).hasSize(1);
		assertThat(w.baseFor(T0.plusMinutes(4).toInstant())).isNull();
		assertThat(w.baseFor(T0.plusMinutes(8).toInstant())).isNotNull();
	}

	@Test
	void withoutTheBaseBackupsEndSegmentThereIsNoWindow() {
		RecoveryWindow w = RecoveryWindow.of(segs(2, 2), List.of(base(2, 3, 3)));
		assertThat(w.from()).isNull();
		assertThat(w.to()).isNull();
		RecoveryWindow failed = RecoveryWindow.of(segs(2, 9), List.of(new BaseBackupRow(UUID.randomUUID(), "FAILED",
				"b", null, null, null, null, null, null, T0, T0, "boom")));
		assertThat(failed.from()).isNull();
	}
}

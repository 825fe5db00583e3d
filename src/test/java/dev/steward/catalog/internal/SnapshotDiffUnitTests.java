package dev.steward.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.steward.catalog.internal.SnapshotStore.Stored;
import dev.steward.catalog.internal.SnapshotStore.Write;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotObject;

/** The catalog sync's diff on its own: what is added, changed, dropped or only touched, and how it is told. */
class SnapshotDiffUnitTests {

	private static SnapshotObject table(String schema, String name, Long rows, String... columns) {
		List<SnapshotColumn> cols = new ArrayList<>();
		for (int i = 0; i < columns.length; i++) {
			cols.add(new SnapshotColumn(columns[i], i + 1, "integer", false, i == 0));
		}
		return new SnapshotObject("shop", schema, name, ObjectKind.TABLE, rows, null, cols, List.of());
	}

	/** The store's view of {@code objects} as written by a first sync, ids from 0. */
	private static Map<String, Stored> stored(List<SnapshotObject> objects) {
		Map<String, Stored> before = new LinkedHashMap<>();
		SnapshotDiff first = SnapshotDiff.between(Map.of(), objects);
		for (Write w : first.writes()) {
			before.put(SnapshotStore.key(w.object()), new Stored(w.objectId(), w.fingerprint(), w.object().approxRows(),
					w.object().comment()));
		}
		return before;
	}

	@Test
	void aFirstSnapshotWritesEverythingAndReportsNoAdditions() {
		SnapshotDiff diff = SnapshotDiff.between(Map.of(),
				List.of(table("public", "a", 1L, "id"), table("public", "b", 2L, "id")));
		assertThat(diff.first()).isTrue();
		assertThat(diff.writes()).extracting(Write::objectId).containsExactly(0, 1);
		assertThat(diff.removed()).isEmpty();
		assertThat(diff.addedCount()).isEqualTo(2);
		assertThat(diff.reportedAdded()).isZero();
		assertThat(diff.reportedAddedNames()).isEmpty();
		assertThat(diff.text()).isEqualTo("first snapshot");
	}

	@Test
	void addedChangedDroppedAndTouchedObjectsAreToldApart() {
		Map<String, Stored> before = stored(List.of(table("public", "same", 10L, "id"),
				table("public", "grows", 5L, "id"), table("public", "altered", 1L, "id"), table("public", "gone", 1L, "id")));
		SnapshotDiff diff = SnapshotDiff.between(before, List.of(table("public", "same", 10L, "id"),
				table("public", "grows", 6L, "id"), table("public", "altered", 1L, "id", "extra"),
				table("public", "new", 0L, "id")));

		assertThat(diff.first()).isFalse();
		assertThat(diff.addedNames()).containsExactly("shop/public.new");
		assertThat(diff.changedNames()).containsExactly("shop/public.altered");
		assertThat(diff.droppedNames()).containsExactly("shop/public.gone");
		assertThat(diff.removed()).containsExactlyInAnyOrder(before.get(SnapshotStore.key(table("public", "altered", 1L))).objectId(),
				before.get(SnapshotStore.key(table("public", "gone", 1L))).objectId());
		// fresh ids continue after the highest stored one
		assertThat(diff.writes()).extracting(Write::objectId).containsExactly(4, 5);
		assertThat(diff.writes()).extracting(w -> w.object().name()).containsExactly("altered", "new");
		assertThat(diff.touches()).singleElement().satisfies(t -> {
			assertThat(t.objectId()).isEqualTo(before.get(SnapshotStore.key(table("public", "grows", 0L))).objectId());
			assertThat(t.approxRows()).isEqualTo(6L);
		});
		assertThat(diff.text()).isEqualTo("added 1: shop/public.new; dropped 1: shop/public.gone; changed 1: shop/public.altered");
		assertThat(diff.reportedAdded()).isEqualTo(1);
	}

	@Test
	void nothingChangedSaysSoAndWritesNothing() {
		List<SnapshotObject> objects = List.of(table("public", "a", 1L, "id"));
		SnapshotDiff diff = SnapshotDiff.between(stored(objects), objects);
		assertThat(diff.writes()).isEmpty();
		assertThat(diff.removed()).isEmpty();
		assertThat(diff.touches()).isEmpty();
		assertThat(diff.text()).isEqualTo("no changes");
	}

	@Test
	void anObjectListedTwiceIsTakenOnce() {
		SnapshotDiff diff = SnapshotDiff.between(Map.of(), List.of(table("public", "a", 1L, "id"), table("public", "a", 1L, "id")));
		assertThat(diff.writes()).hasSize(1);
	}

	@Test
	void namesAreCappedButCountedAndTheTextSaysThereIsMore() {
		Map<String, Stored> before = stored(List.of(table("public", "seed", 1L, "id")));
		List<SnapshotObject> now = new ArrayList<>();
		now.add(table("public", "seed", 1L, "id"));
		for (int i = 0; i < SnapshotDiff.NAMES + 5; i++) {
			now.add(table("public", "t" + i, 0L, "id"));
		}
		SnapshotDiff diff = SnapshotDiff.between(before, now);
		assertThat(diff.addedCount()).isEqualTo(SnapshotDiff.NAMES + 5);
		assertThat(diff.addedNames()).hasSize(SnapshotDiff.NAMES);
		assertThat(diff.text()).startsWith("added 25: shop/public.t0, ").endsWith(" …");
	}

	@Test
	void objectsOfEnginesWithoutSchemasAreLabelledWithoutTheDatabase() {
		assertThat(SnapshotDiff.label("shop", "shop", "orders")).isEqualTo("shop.orders");
		assertThat(SnapshotDiff.label("shop", "sales", "orders")).isEqualTo("shop/sales.orders");
	}

	@Test
	void aStreamedDiffDrainedInBatchesWritesExactlyWhatTheWholeDiffWrites() {
		Map<String, Stored> before = stored(List.of(table("public", "same", 10L, "id"),
				table("public", "grows", 5L, "id"), table("public", "altered", 1L, "id"), table("public", "gone", 1L, "id")));
		List<SnapshotObject> now = new ArrayList<>(List.of(table("public", "same", 10L, "id"),
				table("public", "grows", 6L, "id"), table("public", "altered", 1L, "id", "extra")));
		for (int i = 0; i < 50; i++) {
			now.add(table("public", "new" + i, 0L, "id", "name"));
		}
		SnapshotDiff whole = SnapshotDiff.between(before, now);

		SnapshotDiff.Running running = new SnapshotDiff.Running(before);
		List<Integer> removed = new ArrayList<>();
		List<Write> writes = new ArrayList<>();
		List<SnapshotStore.Touch> touches = new ArrayList<>();
		int drains = 0;
		for (SnapshotObject o : now) {
			running.accept(o);
			if (running.pendingRows() >= 7) {
				SnapshotDiff part = running.drain();
				removed.addAll(part.removed());
				writes.addAll(part.writes());
				touches.addAll(part.touches());
				drains++;
			}
		}
		SnapshotDiff rest = running.finish();
		removed.addAll(rest.removed());
		writes.addAll(rest.writes());
		touches.addAll(rest.touches());

		assertThat(drains).isGreaterThan(5);
		assertThat(removed).containsExactlyInAnyOrderElementsOf(whole.removed());
		assertThat(writes).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(whole.writes());
		assertThat(touches).containsExactlyElementsOf(whole.touches());
		assertThat(rest.text()).isEqualTo(whole.text());
		assertThat(running.objects()).isEqualTo(now.size());
		assertThat(running.columns()).isEqualTo(now.stream().mapToInt(o -> o.columns().size()).sum());
		assertThat(running.databases()).isEqualTo(1);
	}
}

package dev.steward.catalog.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.steward.catalog.internal.SnapshotStore.Stored;
import dev.steward.catalog.internal.SnapshotStore.Touch;
import dev.steward.catalog.internal.SnapshotStore.Write;
import dev.steward.engine.CatalogModel.SnapshotObject;

/**
 * What changed between the stored snapshot and a fresh read of the target, and what the store has to do about
 * it: objects whose definition (fingerprint) is new or different are written under fresh ids, the old rows of
 * changed and dropped objects removed, and objects whose statistics alone moved are touched in place. Pure: no
 * store, no clock, so it is tested on its own.
 *
 * @param removed      object ids to delete (changed and dropped objects)
 * @param writes       objects to insert (added and changed ones)
 * @param touches      new row counts and comments for unchanged definitions
 * @param addedNames   up to {@value #NAMES} of the added objects as labels, likewise dropped and changed
 */
public record SnapshotDiff(boolean first, List<Integer> removed, List<Write> writes, List<Touch> touches,
		int addedCount, List<String> addedNames, int droppedCount, List<String> droppedNames, int changedCount,
		List<String> changedNames) {

	/** How many names of each kind a diff keeps for the result and the history's text. */
	public static final int NAMES = 20;

	/**
	 * Compares {@code objects} (as read) with {@code before} (key → stored); new rows are numbered from one past
	 * the highest stored id. An object listed twice under the same key is taken once.
	 */
	public static SnapshotDiff between(Map<String, Stored> before, List<SnapshotObject> objects) {
		Running running = new Running(before);
		objects.forEach(running::accept);
		return running.finish();
	}

	/**
	 * A diff taken while the engine streams the snapshot: each object is compared as it arrives, so neither the
	 * read nor the diff holds the whole catalog (100,000 tables are a million columns). The caller drains the
	 * pending writes into the store in bounded batches ({@link #drain()}) and applies what {@link #finish()}
	 * leaves. Without draining, {@code finish()} answers the whole diff, as {@link #between} does.
	 */
	public static final class Running {

		private final Map<String, Stored> before;

		private final Set<String> seen = new HashSet<>();

		private final Set<String> databases = new HashSet<>();

		private int nextId;

		private List<Integer> removed = new ArrayList<>();

		private List<Write> writes = new ArrayList<>();

		private List<Touch> touches = new ArrayList<>();

		private int pendingColumns;

		private final int firstId;

		private boolean removedAny;

		private int objects;

		private long columns;

		private final Names added = new Names();

		private final Names changed = new Names();

		public Running(Map<String, Stored> before) {
			this.before = before;
			this.nextId = before.values().stream().mapToInt(Stored::objectId).max().orElse(-1) + 1;
			this.firstId = nextId;
		}

		public void accept(SnapshotObject o) {
			String key = SnapshotStore.key(o);
			if (!seen.add(key)) {
				return; // the same object twice (an engine listing it under two names) is stored once
			}
			objects++;
			columns += o.columns().size();
			databases.add(o.database());
			String fingerprint = SnapshotStore.fingerprint(o);
			Stored previous = before.get(key);
			if (previous == null) {
				added.add(label(o.database(), o.schema(), o.name()));
				write(o, fingerprint);
			}
			else if (!previous.fingerprint().equals(fingerprint)) {
				changed.add(label(o.database(), o.schema(), o.name()));
				removed.add(previous.objectId());
				write(o, fingerprint);
			}
			else if (!Objects.equals(previous.approxRows(), o.approxRows())
					|| !Objects.equals(previous.comment(), SnapshotStore.storedComment(o.comment()))) {
				touches.add(new Touch(previous.objectId(), o.approxRows(), o.comment()));
			}
		}

		private void write(SnapshotObject o, String fingerprint) {
			writes.add(new Write(nextId++, o, fingerprint));
			pendingColumns += o.columns().size() + o.keys().size() + 1;
		}

		/** Rows (objects, columns, keys) waiting to be written: drain when this passes the batch size. */
		public int pendingRows() {
			return pendingColumns + touches.size() + removed.size();
		}

		/** Whether any object was added, changed or dropped so far (after {@link #finish()}: at all). */
		public boolean wroteOrRemoved() {
			return nextId > firstId || !removed.isEmpty() || removedAny;
		}

		/** Hands over what is pending and forgets it; the numbering of new rows goes on. */
		public SnapshotDiff drain() {
			removedAny |= !removed.isEmpty();
			SnapshotDiff part = new SnapshotDiff(before.isEmpty(), removed, writes, touches, 0, List.of(), 0,
					List.of(), 0, List.of());
			removed = new ArrayList<>();
			writes = new ArrayList<>();
			touches = new ArrayList<>();
			pendingColumns = 0;
			return part;
		}

		public int objects() {
			return objects;
		}

		public long columns() {
			return columns;
		}

		public int databases() {
			return databases.size();
		}

		/** What is still pending plus the removal of every stored object that did not come back, and the counts. */
		public SnapshotDiff finish() {
			Names dropped = new Names();
			for (Map.Entry<String, Stored> e : before.entrySet()) {
				if (!seen.contains(e.getKey())) {
					removed.add(e.getValue().objectId());
					String[] parts = e.getKey().split("\u0000", -1);
					dropped.add(label(parts[0], parts[1], parts[2]));
				}
			}
			return new SnapshotDiff(before.isEmpty(), removed, writes, touches, added.count, added.names,
					dropped.count, dropped.names, changed.count, changed.names);
		}
	}

	/** Added objects as a result reports them: none on a first snapshot, where everything is new. */
	public int reportedAdded() {
		return first ? 0 : addedCount;
	}

	public List<String> reportedAddedNames() {
		return first ? List.of() : addedNames;
	}

	/** The history's one-line summary, e.g. {@code added 2: public.a, public.b; dropped 1: public.c}. */
	public String text() {
		if (first) {
			return "first snapshot";
		}
		if (addedCount + droppedCount + changedCount == 0) {
			return "no changes";
		}
		List<String> parts = new ArrayList<>();
		part(parts, "added", addedCount, addedNames);
		part(parts, "dropped", droppedCount, droppedNames);
		part(parts, "changed", changedCount, changedNames);
		return String.join("; ", parts);
	}

	private static void part(List<String> parts, String what, int count, List<String> names) {
		if (count > 0) {
			parts.add(what + " " + count + ": " + String.join(", ", names) + (count > names.size() ? " …" : ""));
		}
	}

	/** {@code schema.name} where the engine has no schemas (database = schema), else {@code database/schema.name}. */
	static String label(String database, String schema, String name) {
		return database.equals(schema) ? schema + "." + name : database + "/" + schema + "." + name;
	}

	private static final class Names {

		int count;

		final List<String> names = new ArrayList<>();

		void add(String name) {
			count++;
			if (names.size() < NAMES) {
				names.add(name);
			}
		}
	}
}

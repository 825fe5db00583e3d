package dev.steward.recovery;

import java.util.List;

import dev.steward.engine.PhysicalBackupCapability.Prerequisite;

/** The server lacks what point-in-time recovery needs; each missing prerequisite comes with its fix. */
public class PrerequisitesMissing extends RuntimeException {

	private final List<Prerequisite> missing;

	public PrerequisitesMissing(List<Prerequisite> missing) {
		super("The server is not ready for point-in-time recovery: " + String.join("; ",
				missing.stream().map(p -> p.name() + " is " + p.found() + " (" + p.fix() + ")").toList()));
		this.missing = List.copyOf(missing);
	}

	public List<Prerequisite> missing() {
		return missing;
	}
}

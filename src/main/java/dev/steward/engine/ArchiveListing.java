package dev.steward.engine;

import java.util.List;

/**
 * The engine's own view of a dump ({@code pg_restore --list} and the like).
 *
 * @param entries number of objects (TOC entries, tables, collections) the archive holds
 * @param sample  the first few lines of the listing, for the verify panel
 */
public record ArchiveListing(int entries, List<String> sample) {

	public ArchiveListing {
		sample = List.copyOf(sample);
	}
}

package dev.steward.engine;

import java.io.IOException;
import java.io.InputStream;

/**
 * A dump that can be read more than once (verification reads it before a restore starts). Each
 * {@link #open()} gives a fresh stream of the plain dump bytes; reading throws if the stored bytes
 * turn out to be damaged.
 */
@FunctionalInterface
public interface ArchiveSource {

	InputStream open() throws IOException;
}

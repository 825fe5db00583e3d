package dev.steward.backup;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What verification found: checksum, decryption and decompression end to end, the engine's listing, a test restore. */
public record VerifyResult(boolean ok, boolean checksumOk, int entries, List<String> sample, @Nullable String message,
		@Nullable TestRestore testRestore) {

	public record TestRestore(boolean ok, String database, List<TableCheck> tables) {
	}

	public record TableCheck(String name, long expected, long restored, boolean exact, boolean match) {
	}
}

package dev.steward.backup;

/** How a backup's bytes are compressed before encryption. */
public enum Compression {
	ZSTD("zst"), GZIP("gz"), NONE("");

	private final String suffix;

	Compression(String suffix) {
		this.suffix = suffix;
	}

	/** File-name suffix without the dot; empty for none. */
	public String suffix() {
		return suffix;
	}

	/** The level used when none is given. */
	public int defaultLevel() {
		return dev.steward.backup.internal.Compressors.defaultLevel(this);
	}

	/** Refuses a level this compression does not have ({@code InvalidInput} naming {@code compressionLevel}). */
	public void checkLevel(int level) {
		dev.steward.backup.internal.Compressors.checkLevel(this, level);
	}
}

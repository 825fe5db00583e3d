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
}

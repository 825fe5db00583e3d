package dev.steward.dataimport;

/** An upload went over {@code steward.import.max-upload-bytes}; nothing of it was kept. */
public class UploadTooLarge extends RuntimeException {

	private final long limit;

	public UploadTooLarge(long limit) {
		super("Files for an import are limited to " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}
}

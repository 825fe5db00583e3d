package dev.steward.query;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.InvalidInput;

/** The formats a result can be exported in, with the media type and file extension of each. */
public enum ExportFormat {

	/** RFC 4180: CRLF line ends, fields quoted when needed, a header row; NULL an empty field, '' a quoted one. */
	CSV("text/csv;charset=UTF-8", "csv"),
	/** One JSON array of objects, numbers as exact JSON numbers. */
	JSON("application/json", "json"),
	/** One JSON object per line. */
	NDJSON("application/x-ndjson", "ndjson"),
	/** {@code INSERT} statements in the engine's dialect. */
	SQL("application/sql", "sql"),
	/** An Excel workbook written row by row (a new sheet every 1,048,575 rows). */
	XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

	private final String mediaType;

	private final String extension;

	ExportFormat(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	public String mediaType() {
		return mediaType;
	}

	public String extension() {
		return extension;
	}

	public static ExportFormat parse(@Nullable String format) {
		if (format == null || format.isBlank()) {
			return CSV;
		}
		try {
			return valueOf(format.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("format", "One of csv, json, ndjson, sql, xlsx");
		}
	}
}

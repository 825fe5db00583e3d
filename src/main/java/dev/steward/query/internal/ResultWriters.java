package dev.steward.query.internal;

import java.io.OutputStream;

import dev.steward.engine.QueryCapability;
import dev.steward.query.ExportFormat;

/** The writer for each export format. */
public final class ResultWriters {

	private ResultWriters() {
	}

	/**
	 * @param table the table the {@code SQL} format's {@code INSERT}s name
	 */
	public static ResultWriter create(ExportFormat format, OutputStream out, QueryCapability engine, String table) {
		return switch (format) {
			case CSV -> new CsvWriter(out);
			case JSON -> new JsonWriter(out, false);
			case NDJSON -> new JsonWriter(out, true);
			case SQL -> new InsertWriter(out, engine, table);
			case XLSX -> new XlsxWriter(out);
		};
	}
}

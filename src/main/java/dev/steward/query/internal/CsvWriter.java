package dev.steward.query.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;

/**
 * RFC 4180: CRLF after every record, a header record, a field quoted when it holds a comma, quote, CR or LF (quotes
 * doubled). SQL NULL is an empty field and an empty string a quoted empty field, so the two stay apart (as in
 * PostgreSQL's {@code COPY … CSV}).
 */
final class CsvWriter implements ResultWriter {

	private final Writer out;

	CsvWriter(OutputStream out) {
		this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
	}

	@Override
	public void begin(List<ResultColumn> columns) throws IOException {
		for (int i = 0; i < columns.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			field(columns.get(i).name());
		}
		out.write("\r\n");
	}

	@Override
	public void row(List<@Nullable String> values) throws IOException {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			String v = values.get(i);
			if (v != null) {
				field(v);
			}
		}
		out.write("\r\n");
	}

	private void field(String value) throws IOException {
		if (value.isEmpty()) {
			out.write("\"\"");
			return;
		}
		boolean quote = false;
		for (int i = 0; i < value.length() && !quote; i++) {
			char c = value.charAt(i);
			quote = c == ',' || c == '"' || c == '\r' || c == '\n';
		}
		if (!quote) {
			out.write(value);
			return;
		}
		out.write('"');
		out.write(value.replace("\"", "\"\""));
		out.write('"');
	}

	@Override
	public void end() throws IOException {
		out.flush();
	}
}

package dev.steward.query.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.QueryCapability;
import dev.steward.engine.ResultColumn;

/** One {@code INSERT} per row, identifiers and literals in the engine's own dialect. */
final class InsertWriter implements ResultWriter {

	private final Writer out;

	private final QueryCapability engine;

	private final String table;

	private List<ResultColumn> columns = List.of();

	private String prefix = "";

	InsertWriter(OutputStream out, QueryCapability engine, String table) {
		this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
		this.engine = engine;
		this.table = table;
	}

	@Override
	public void begin(List<ResultColumn> columns) {
		this.columns = columns;
		StringBuilder p = new StringBuilder("INSERT INTO ").append(engine.quoteIdentifier(table)).append(" (");
		for (int i = 0; i < columns.size(); i++) {
			p.append(i > 0 ? ", " : "").append(engine.quoteIdentifier(columns.get(i).name()));
		}
		prefix = p.append(") VALUES (").toString();
	}

	@Override
	public void row(List<@Nullable String> values) throws IOException {
		out.write(prefix);
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.write(", ");
			}
			String v = values.get(i);
			out.write(v == null ? "NULL" : engine.literal(columns.get(i), v));
		}
		out.write(");\n");
	}

	@Override
	public void end() throws IOException {
		out.flush();
	}
}

package dev.steward.query;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.EngineKind;
import dev.steward.engine.Engines;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.StatementResult;
import dev.steward.engine.ToolControl;
import dev.steward.masking.DataMasking;
import dev.steward.query.internal.ResultWriter;
import dev.steward.query.internal.ResultWriters;

/**
 * Every row of one table in an export format, with the same writers as the console's streaming export: for the
 * data export jobs of other modules. The session is read-only at the database, whatever the caller's rights, since an
 * export only reads; rows are fetched a page at a time from a server-side cursor.
 */
@Service
public class TableExports {

	private final Engines engines;

	TableExports(Engines engines) {
		this.engines = engines;
	}

	/**
	 * Writes the rows of {@code table} (a name the caller checked against the catalog) to {@code out}, which stays
	 * open. An abort of {@code control} cancels the statement at the server.
	 *
	 * @param rowsDone told the running total after every page
	 * @return the rows written
	 */
	public long write(EngineKind engine, ConnectionSpec spec, String database, @Nullable String schema, String table,
			ExportFormat format, OutputStream out, LongConsumer rowsDone, ToolControl control) throws IOException {
		return write(engine, spec, database, schema, table, format, out, rowsDone, control, DataMasking.none());
	}

	/** As above, with the rows masked as {@code masking} says (decided for the user who started the export). */
	public long write(EngineKind engine, ConnectionSpec spec, String database, @Nullable String schema, String table,
			ExportFormat format, OutputStream out, LongConsumer rowsDone, ToolControl control, DataMasking masking)
			throws IOException {
		QueryCapability query = engines.capability(engine, QueryCapability.class);
		String sql = query.selectAll(schema, table);
		control.throwIfAborted();
		try (ConsoleSession session = query.open(spec, new ConsoleOptions(database, true, true));
				AutoCloseable stop = control.onAbort(session::cancel);
				StatementResult result = masking.wrap(session.execute(sql, PreparedExport.FETCH))) {
			ResultWriter writer = ResultWriters.create(format, out, query, table);
			writer.begin(result.columns());
			long rows = 0;
			List<List<@Nullable String>> page;
			while (!(page = result.fetch(PreparedExport.FETCH)).isEmpty()) {
				control.throwIfAborted();
				for (List<@Nullable String> row : page) {
					writer.row(row);
				}
				rows += page.size();
				rowsDone.accept(rows);
			}
			writer.end();
			return rows;
		}
		catch (IOException | RuntimeException e) {
			control.throwIfAborted();
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

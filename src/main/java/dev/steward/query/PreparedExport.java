package dev.steward.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConsoleSession;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;
import dev.steward.query.internal.ResultWriter;
import dev.steward.query.internal.ResultWriters;

/**
 * An export whose statement has started and returned its columns; {@link #writeTo} streams every row, page by
 * page from the server-side cursor, and then releases the session. Use it exactly once.
 */
public final class PreparedExport {

	/** Rows asked of the cursor at a time: the most the export holds in memory. */
	static final int FETCH = 1000;

	private final ConsoleSession session;

	private final StatementResult result;

	private final QueryCapability engine;

	private final ExportFormat format;

	private final String table;

	private final String filename;

	private final BiConsumer<Long, @Nullable String> audit;

	PreparedExport(ConsoleSession session, StatementResult result, QueryCapability engine, ExportFormat format,
			String table, String filename, BiConsumer<Long, @Nullable String> audit) {
		this.session = session;
		this.result = result;
		this.engine = engine;
		this.format = format;
		this.table = table;
		this.filename = filename;
		this.audit = audit;
	}

	public ExportFormat format() {
		return format;
	}

	public String filename() {
		return filename;
	}

	/**
	 * Writes the whole result. A failure (the statement mid-result, or the client) ends the statement at the server
	 * and surfaces as {@link ExportFailed}, so the caller cuts the download instead of ending it short.
	 *
	 * @return the rows written
	 */
	public long writeTo(OutputStream out) {
		long rows = 0;
		String error = null;
		boolean ok = false;
		try {
			ResultWriter writer = ResultWriters.create(format, out, engine, table);
			writer.begin(result.columns());
			List<List<@Nullable String>> page;
			while (!(page = result.fetch(FETCH)).isEmpty()) {
				for (List<@Nullable String> row : page) {
					writer.row(row);
				}
				rows += page.size();
			}
			writer.end();
			ok = true;
			return rows;
		}
		catch (StatementFailed e) {
			error = e.getMessage();
			throw new ExportFailed("The statement failed after " + rows + " row(s): " + e.getMessage(), e);
		}
		catch (IOException | UncheckedIOException | tools.jackson.core.JacksonException e) {
			error = "The download was interrupted: " + e.getMessage();
			throw new ExportFailed(error, e);
		}
		finally {
			release(ok);
			audit.accept(rows, error);
		}
	}

	/** Closes the cursor cleanly after success; otherwise drops the whole connection (no draining of rows). */
	void release(boolean ok) {
		if (ok) {
			try {
				result.close();
			}
			catch (RuntimeException e) {
				// the session goes next either way
			}
		}
		else {
			session.cancel();
		}
		session.close();
	}
}

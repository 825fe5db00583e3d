package dev.steward.dataimport.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.connection.ResolvedConnection;
import dev.steward.dataimport.ImportKind;
import dev.steward.dataimport.ImportResult;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.Engines;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.ScriptStatement;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;
import dev.steward.job.JobContext;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;

/**
 * Runs an uploaded SQL script statement by statement on a console connection of its own, split by the engine's own
 * rules. Where the engine's DDL is transactional the whole script runs in one transaction and a failure rolls all
 * of it back; elsewhere (DDL commits implicitly) each statement stays once run, and the result says how many did.
 * Progress counts statements.
 */
@Component
public class ScriptImport {

	/** Rows fetched from a statement that returns some (a SELECT in a script): they are discarded. */
	private static final int FETCH = 100;

	private final Engines engines;

	ScriptImport(Engines engines) {
		this.engines = engines;
	}

	/** The script's text; bytes that are not {@code charset} are refused rather than replaced. */
	public static String text(byte[] bytes, Charset charset) throws CharacterCodingException {
		String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	public ImportResult run(JobContext job, UploadStore.Upload upload, ResolvedConnection connection,
			@Nullable String database, Charset charset) {
		String target = database == null ? connection.name() : database;
		String script;
		try {
			script = text(Files.readAllBytes(upload.file()), charset);
		}
		catch (CharacterCodingException e) {
			return failed(target, 0, false, null, "The script is not valid " + charset.name() + "; choose its encoding");
		}
		catch (IOException e) {
			return failed(target, 0, false, null, "The uploaded file could not be read: " + e.getMessage());
		}
		QueryCapability query = engines.capability(connection.engine(), QueryCapability.class);
		List<ScriptStatement> statements = query.split(script);
		boolean transactional = query.transactionalDdl();
		job.phase(JobPhase.IMPORTING);
		job.progress(0, (long) statements.size(), ProgressUnit.ITEMS);
		try (ConsoleSession session = query.open(connection.spec(), new ConsoleOptions(database, false))) {
			job.onAbort(failure -> session.cancel());
			if (transactional) {
				session.execute(query.beginTransaction(), FETCH).close();
			}
			int done = 0;
			for (ScriptStatement statement : statements) {
				job.throwIfAborted();
				try (StatementResult result = session.execute(statement.sql(), FETCH)) {
					while (!result.exhausted() && !result.fetch(FETCH).isEmpty()) {
						job.throwIfAborted(); // rows of a SELECT in a script are read and dropped
					}
				}
				catch (StatementFailed e) {
					rollback(session, query, transactional);
					int at = statement.offset() + (e.position() == null ? 0 : e.position() - 1);
					String kept = transactional ? "nothing was changed"
							: done + " earlier statement" + (done == 1 ? "" : "s") + " stayed (this engine commits DDL at once)";
					return failed(target, done, !transactional && done > 0, (long) lineOf(script, at),
							"Statement " + (done + 1) + " at line " + lineOf(script, at) + ": " + e.getMessage() + "; "
									+ kept);
				}
				done++;
				job.progress(done, (long) statements.size(), ProgressUnit.ITEMS);
			}
			if (transactional) {
				session.execute(query.endTransaction(true), FETCH).close();
			}
			return new ImportResult(ImportKind.SQL, target, 0, done, true, null, null, null);
		}
	}

	private static void rollback(ConsoleSession session, QueryCapability query, boolean transactional) {
		if (!transactional) {
			return;
		}
		try {
			session.execute(query.endTransaction(false), FETCH).close();
		}
		catch (StatementFailed e) {
			// closing the session ends the transaction too
		}
	}

	/** The 1-based line of character {@code offset}. */
	static int lineOf(String script, int offset) {
		int line = 1;
		int end = Math.min(Math.max(0, offset), script.length());
		for (int i = 0; i < end; i++) {
			char c = script.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= script.length() || script.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

	private static ImportResult failed(String target, long done, boolean committed, @Nullable Long line,
			String error) {
		return new ImportResult(ImportKind.SQL, target, 0, done, committed, line, null, error);
	}
}

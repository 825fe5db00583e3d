package dev.steward.query.internal;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;

/** Writes one result to a stream as it arrives, holding no more than a row (and its own small buffer). */
public interface ResultWriter {

	void begin(List<ResultColumn> columns) throws IOException;

	/** One row: values as the console renders them (binaries whole), SQL NULL as null. */
	void row(List<@Nullable String> values) throws IOException;

	/** Completes the document and flushes it; the stream stays open. */
	void end() throws IOException;
}

package dev.steward.dataimport.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An RFC 4180 reader with a chosen delimiter and quote: quoted fields may hold delimiters, doubled quotes and line
 * breaks; records end at CRLF, LF or CR. A quote inside an unquoted field is taken as text (as PostgreSQL's COPY
 * does), only one that opens a field starts quoting. It counts physical lines so that every record knows the line it starts on,
 * also after fields with embedded line breaks. Entirely empty lines are skipped. Fields and records are bounded, so
 * a hostile file cannot make one record fill the heap.
 */
public final class CsvReader {

	/** Largest field, in characters. */
	static final int MAX_FIELD_CHARS = 16 * 1024 * 1024;

	/** Most fields in one record. */
	static final int MAX_FIELDS = 4096;

	/** One field as read: quoted fields are never NULL, whatever their text. */
	public record Field(String value, boolean quoted) {
	}

	/** A record the file cannot give, at a line and (1-based) field. */
	public static final class Malformed extends IOException {

		private final long line;

		private final int field;

		Malformed(long line, int field, String message) {
			super("Line " + line + ", column " + field + ": " + message);
			this.line = line;
			this.field = field;
		}

		public long line() {
			return line;
		}

		public int field() {
			return field;
		}
	}

	private static final int NONE = -2;

	private final Reader in;

	private final char delimiter;

	private final char quote;

	private long line = 1;

	private long recordLine;

	private int pushedBack = NONE;

	private boolean started;

	public CsvReader(Reader in, char delimiter, char quote) {
		if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
			throw new IllegalArgumentException("The delimiter and quote must differ and not be line breaks");
		}
		this.in = in;
		this.delimiter = delimiter;
		this.quote = quote;
	}

	/** The 1-based line the record {@link #next} returned last starts on. */
	public long recordLine() {
		return recordLine;
	}

	/** The next record, or null at the end of the file. */
	public @Nullable List<Field> next() throws IOException {
		int c = read();
		while (c == '\n' || c == '\r') { // an empty line is no record
			endLine(c);
			c = read();
		}
		if (c == -1) {
			return null;
		}
		recordLine = line;
		List<Field> fields = new ArrayList<>();
		StringBuilder value = new StringBuilder();
		while (true) {
			boolean quoted = false;
			value.setLength(0);
			if (c == quote) {
				quoted = true;
				c = quotedField(value, fields.size() + 1);
			}
			else {
				while (c != -1 && c != delimiter && c != '\n' && c != '\r') {
					append(value, c, fields.size() + 1);
					c = read();
				}
			}
			if (fields.size() == MAX_FIELDS) {
				throw new Malformed(recordLine, fields.size() + 1, "more than " + MAX_FIELDS + " columns");
			}
			fields.add(new Field(value.toString(), quoted));
			if (c == delimiter) {
				c = read();
				continue;
			}
			if (c == '\n' || c == '\r') {
				endLine(c);
			}
			return fields;
		}
	}

	/** Reads a quoted field's content after its opening quote; returns the character after the closing quote. */
	private int quotedField(StringBuilder value, int field) throws IOException {
		long opened = line;
		while (true) {
			int c = read();
			if (c == -1) {
				throw new Malformed(opened, field, "a quoted value is not closed before the end of the file");
			}
			if (c == quote) {
				int after = read();
				if (after != quote) {
					if (after != -1 && after != delimiter && after != '\n' && after != '\r') {
						throw new Malformed(line, field, "unexpected '" + (char) after + "' after a closing quote");
					}
					return after;
				}
			}
			if (c == '\n') {
				line++;
			}
			else if (c == '\r') {
				int n = read();
				if (n == '\n') {
					append(value, c, field);
					c = n;
				}
				else {
					unread(n);
				}
				line++;
			}
			append(value, c, field);
		}
	}

	/** Ends a line at {@code c}: a CR followed by LF is one break. */
	private void endLine(int c) throws IOException {
		line++;
		if (c == '\r') {
			int n = read();
			if (n != '\n') {
				unread(n);
			}
		}
	}

	private void append(StringBuilder value, int c, int field) throws Malformed {
		if (value.length() >= MAX_FIELD_CHARS) {
			throw new Malformed(recordLine, field, "a value longer than " + MAX_FIELD_CHARS + " characters");
		}
		value.append((char) c);
	}

	private int read() throws IOException {
		if (pushedBack != NONE) {
			int c = pushedBack;
			pushedBack = NONE;
			return c;
		}
		int c = in.read();
		if (!started) {
			started = true;
			if (c == '\uFEFF') { // a byte order mark is no data
				c = in.read();
			}
		}
		return c;
	}

	private void unread(int c) {
		pushedBack = c;
	}
}

package dev.steward.engine.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Sits between {@code pg_restore}'s script and the export file, line by line: counts the objects it passes (each
 * starts with a {@code -- Name:} or {@code -- Data for Name:} header) for progress, and with {@code inserts} turns
 * every {@code COPY … FROM stdin} block into one {@code INSERT} per row. The values become untyped string literals,
 * which PostgreSQL casts to each column's type, so no type knowledge is needed here.
 */
final class PostgresScriptStream extends OutputStream {

	private static final byte[] NAME = "-- Name: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] DATA_NAME = "-- Data for Name: ".getBytes(StandardCharsets.US_ASCII);

	private final OutputStream out;

	private final boolean inserts;

	private final LongConsumer objectsDone;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

	private long objects;

	/** Inside a COPY block: "INSERT INTO table (columns) VALUES (". */
	private @Nullable String insertPrefix;

	PostgresScriptStream(OutputStream out, boolean inserts, LongConsumer objectsDone) {
		this.out = out;
		this.inserts = inserts;
		this.objectsDone = objectsDone;
	}

	long objects() {
		return objects;
	}

	@Override
	public void write(int b) throws IOException {
		line.write(b);
		if (b == '\n') {
			endLine();
		}
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		int start = off;
		for (int i = off; i < off + len; i++) {
			if (b[i] == '\n') {
				line.write(b, start, i - start + 1);
				endLine();
				start = i + 1;
			}
		}
		line.write(b, start, off + len - start);
	}

	private void endLine() throws IOException {
		byte[] bytes = line.toByteArray();
		line.reset();
		if (startsWith(bytes, NAME) || startsWith(bytes, DATA_NAME)) {
			objectsDone.accept(++objects);
		}
		if (!inserts) {
			out.write(bytes);
			return;
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		String prefix = insertPrefix;
		if (prefix != null) {
			String row = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
			if (row.equals("\\.")) {
				insertPrefix = null;
				return;
			}
			out.write((prefix + values(row) + ");\n").getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (text.startsWith("COPY ") && text.stripTrailing().endsWith(" FROM stdin;")) {
			String target = text.substring(5, text.stripTrailing().length() - " FROM stdin;".length());
			insertPrefix = "INSERT INTO " + target + " VALUES (";
			return;
		}
		out.write(bytes);
	}

	/** One COPY text row: tab-separated, {@code \N} for NULL, backslash escapes. */
	static String values(String row) {
		StringBuilder sql = new StringBuilder(row.length() + 16);
		for (String field : row.split("\t", -1)) {
			if (sql.length() > 0) {
				sql.append(", ");
			}
			if (field.equals("\\N")) {
				sql.append("NULL");
			}
			else {
				sql.append('\'').append(unescape(field).replace("'", "''")).append('\'');
			}
		}
		return sql.toString();
	}

	static String unescape(String field) {
		if (field.indexOf('\\') < 0) {
			return field;
		}
		StringBuilder b = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c != '\\' || i + 1 == field.length()) {
				b.append(c);
				continue;
			}
			char n = field.charAt(++i);
			switch (n) {
				case 'b' -> b.append('\b');
				case 'f' -> b.append('\f');
				case 'n' -> b.append('\n');
				case 'r' -> b.append('\r');
				case 't' -> b.append('\t');
				case 'v' -> b.append('\u000b');
				case 'x' -> {
					int end = i + 1;
					while (end < field.length() && end < i + 3 && Character.digit(field.charAt(end), 16) >= 0) {
						end++;
					}
					if (end == i + 1) {
						b.append('x');
					}
					else {
						b.append((char) Integer.parseInt(field.substring(i + 1, end), 16));
						i = end - 1;
					}
				}
				default -> {
					if (n >= '0' && n <= '7') {
						int end = i;
						while (end < field.length() && end < i + 3 && field.charAt(end) >= '0' && field.charAt(end) <= '7') {
							end++;
						}
						b.append((char) Integer.parseInt(field.substring(i, end), 8));
						i = end - 1;
					}
					else {
						b.append(n);
					}
				}
			}
		}
		return b.toString();
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void flush() throws IOException {
		out.flush();
	}

	/** Writes a last line without a newline, if any. */
	void finish() throws IOException {
		if (line.size() > 0) {
			line.write('\n');
			endLine();
		}
		out.flush();
	}
}

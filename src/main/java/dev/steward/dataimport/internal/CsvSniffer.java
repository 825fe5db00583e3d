package dev.steward.dataimport.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.dataimport.CsvOptions;
import dev.steward.dataimport.NullHandling;
import dev.steward.engine.TableData.Column;

/**
 * Guesses how a CSV file reads from its first bytes: the encoding (byte order mark, else strict UTF-8, else
 * windows-1252), the delimiter (the candidate giving the most records with one consistent number of fields, more
 * than one), whether the first record is a header, and which table column each file column goes into.
 */
public final class CsvSniffer {

	/** Bytes read to guess. */
	public static final int SAMPLE_BYTES = 64 * 1024;

	private static final char[] DELIMITERS = { ',', ';', '\t', '|' };

	private static final int SAMPLE_RECORDS = 50;

	private CsvSniffer() {
	}

	public static CsvOptions detect(byte[] sample, List<Column> table) {
		String encoding = encoding(sample);
		String text = text(sample, encoding);
		char delimiter = delimiter(text);
		List<List<CsvReader.Field>> records = records(text, delimiter, '"');
		boolean header = !records.isEmpty() && looksLikeHeader(records.get(0), table);
		return new CsvOptions(header, String.valueOf(delimiter), "\"", encoding, NullHandling.EMPTY, null);
	}

	static String encoding(byte[] sample) {
		if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
			return "UTF-8";
		}
		if (sample.length >= 2 && (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE) {
			return "UTF-16LE";
		}
		if (sample.length >= 2 && (sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF) {
			return "UTF-16BE";
		}
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		// the sample may end inside a character: leave its last three bytes out of the strict test
		int length = sample.length < SAMPLE_BYTES ? sample.length : Math.max(0, sample.length - 3);
		try {
			utf8.decode(ByteBuffer.wrap(sample, 0, length));
			return "UTF-8";
		}
		catch (CharacterCodingException e) {
			return "windows-1252";
		}
	}

	/** The sample as text, cut after its last line break when it filled the whole sample (a partial record). */
	public static String text(byte[] sample, String encoding) {
		String text = new String(sample, java.nio.charset.Charset.forName(encoding));
		if (sample.length >= SAMPLE_BYTES) {
			int end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
			if (end > 0) {
				text = text.substring(0, end + 1);
			}
		}
		return text;
	}

	static char delimiter(String text) {
		char best = ',';
		int bestScore = 0;
		for (char d : DELIMITERS) {
			List<List<CsvReader.Field>> records = records(text, d, '"');
			Map<Integer, Integer> widths = new HashMap<>();
			records.forEach(r -> widths.merge(r.size(), 1, Integer::sum));
			int score = widths.entrySet().stream().filter(w -> w.getKey() > 1)
				.mapToInt(Map.Entry::getValue).max().orElse(0);
			if (score > bestScore) {
				best = d;
				bestScore = score;
			}
		}
		return best;
	}

	/** Up to {@link #SAMPLE_RECORDS} records of {@code text}; a malformed one ends the list. */
	public static List<List<CsvReader.Field>> records(String text, char delimiter, char quote) {
		List<List<CsvReader.Field>> records = new ArrayList<>();
		CsvReader reader = new CsvReader(new StringReader(text), delimiter, quote);
		try {
			List<CsvReader.Field> record;
			while (records.size() < SAMPLE_RECORDS && (record = reader.next()) != null) {
				records.add(record);
			}
		}
		catch (IOException e) {
			// a guess only: what read cleanly is enough
		}
		return records;
	}

	/** Distinct, non-empty, non-numeric names, or names the table itself has. */
	static boolean looksLikeHeader(List<CsvReader.Field> first, List<Column> table) {
		Set<String> columns = new HashSet<>(table.stream().map(c -> normalise(c.name())).toList());
		Set<String> seen = new HashSet<>();
		boolean matches = false;
		for (CsvReader.Field f : first) {
			String name = normalise(f.value());
			if (name.isEmpty() || numeric(f.value()) || !seen.add(name)) {
				return false;
			}
			matches |= columns.contains(name);
		}
		return matches || table.isEmpty() || first.stream().allMatch(f -> f.value().length() <= 64);
	}

	/** For each file column, the table column of the same name, else (without a header, same width) by position. */
	public static List<@Nullable String> mapping(List<String> fileColumns, boolean header, List<Column> table) {
		List<@Nullable String> mapping = new ArrayList<>();
		Set<String> used = new HashSet<>();
		for (String name : fileColumns) {
			String match = null;
			if (header) {
				for (Column c : table) {
					if (!used.contains(c.name()) && normalise(c.name()).equals(normalise(name))) {
						match = c.name();
						break;
					}
				}
			}
			if (match != null) {
				used.add(match);
			}
			mapping.add(match);
		}
		if (!header && fileColumns.size() == table.size()) {
			return new ArrayList<>(table.stream().map(Column::name).toList());
		}
		return mapping;
	}

	static String normalise(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "").replace("-", "");
	}

	private static boolean numeric(String s) {
		String t = s.strip();
		if (t.isEmpty()) {
			return false;
		}
		try {
			Double.parseDouble(t);
			return true;
		}
		catch (NumberFormatException e) {
			return false;
		}
	}
}

package dev.steward.query.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;
import dev.steward.engine.ResultColumn.ValueKind;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON array of objects, or one object per line (NDJSON). Numbers are written from their exact digits (never
 * through a double), booleans as booleans, JSON columns as JSON, NULL as null; every other value a string.
 */
final class JsonWriter implements ResultWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonGenerator out;

	private final boolean lines;

	private List<ResultColumn> columns = List.of();

	private List<String> names = List.of();

	JsonWriter(OutputStream out, boolean lines) {
		this.out = JSON.createGenerator(out);
		this.lines = lines;
	}

	@Override
	public void begin(List<ResultColumn> columns) {
		this.columns = columns;
		this.names = unique(columns);
		if (!lines) {
			out.writeStartArray();
		}
	}

	/** Object keys must differ: a repeated label gets {@code _2}, {@code _3} … */
	private static List<String> unique(List<ResultColumn> columns) {
		Set<String> seen = new HashSet<>();
		List<String> names = new ArrayList<>();
		for (ResultColumn c : columns) {
			String name = c.name();
			for (int n = 2; !seen.add(name); n++) {
				name = c.name() + "_" + n;
			}
			names.add(name);
		}
		return names;
	}

	@Override
	public void row(List<@Nullable String> values) {
		out.writeStartObject();
		for (int i = 0; i < values.size(); i++) {
			out.writeName(names.get(i));
			value(columns.get(i).kind(), values.get(i));
		}
		out.writeEndObject();
		if (lines) {
			out.writeRaw('\n');
		}
	}

	private void value(ValueKind kind, @Nullable String v) {
		if (v == null) {
			out.writeNull();
		}
		else if (kind == ValueKind.NUMBER && jsonNumber(v)) {
			out.writeNumber(v);
		}
		else if (kind == ValueKind.BOOLEAN) {
			out.writeBoolean(Boolean.parseBoolean(v));
		}
		else if (kind == ValueKind.JSON) {
			out.writeRawValue(v);
		}
		else {
			out.writeString(v);
		}
	}

	/** JSON's number grammar; NaN and Infinity (which JSON has no number for) become strings. */
	static boolean jsonNumber(String s) {
		int i = 0;
		int n = s.length();
		if (i < n && s.charAt(i) == '-') {
			i++;
		}
		int digits = i;
		while (i < n && Character.isDigit(s.charAt(i))) {
			i++;
		}
		if (i == digits || (s.charAt(digits) == '0' && i - digits > 1)) {
			return false;
		}
		if (i < n && s.charAt(i) == '.') {
			int fraction = ++i;
			while (i < n && Character.isDigit(s.charAt(i))) {
				i++;
			}
			if (i == fraction) {
				return false;
			}
		}
		if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
			i++;
			if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
				i++;
			}
			int exponent = i;
			while (i < n && Character.isDigit(s.charAt(i))) {
				i++;
			}
			if (i == exponent) {
				return false;
			}
		}
		return i == n;
	}

	@Override
	public void end() throws IOException {
		if (!lines) {
			out.writeEndArray();
		}
		out.flush();
	}
}

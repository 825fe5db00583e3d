package dev.steward.engine.support;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;
import dev.steward.engine.ResultColumn.ValueKind;

/** Turns JDBC values into the console's strings: exact numerics, ISO-8601 temporals, hex binaries. */
final class ValueRendering {

	/** Bytes of a binary value shown; longer values end with "…". */
	static final int BINARY_DISPLAY_BYTES = 256;

	private ValueRendering() {
	}

	static ResultColumn column(ResultSetMetaData md, int i) throws SQLException {
		String type = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i);
		return new ResultColumn(md.getColumnLabel(i), type, kind(md.getColumnType(i), type));
	}

	static ValueKind kind(int jdbcType, String typeName) {
		String name = typeName.toLowerCase(Locale.ROOT);
		if (name.equals("json") || name.equals("jsonb")) {
			return ValueKind.JSON;
		}
		return switch (jdbcType) {
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL, Types.REAL,
					Types.FLOAT, Types.DOUBLE -> ValueKind.NUMBER;
			case Types.BOOLEAN -> ValueKind.BOOLEAN;
			case Types.BIT -> ValueKind.BOOLEAN;
			case Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
				ValueKind.TEMPORAL;
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ValueKind.BINARY;
			default -> ValueKind.TEXT;
		};
	}

	static @Nullable String render(ResultSet rs, int i, ResultColumn column, boolean dynamic) throws SQLException {
		return render(rs, i, column, dynamic, BINARY_DISPLAY_BYTES);
	}

	/** With {@code binaryLimit} bytes of a binary value shown ({@link Integer#MAX_VALUE}: whole, for exports). */
	static @Nullable String render(ResultSet rs, int i, ResultColumn column, boolean dynamic, int binaryLimit)
			throws SQLException {
		if (dynamic) {
			return renderObject(rs.getObject(i), binaryLimit);
		}
		String type = column.type().toLowerCase(Locale.ROOT);
		switch (column.kind()) {
			case BOOLEAN: {
				boolean b = rs.getBoolean(i);
				return rs.wasNull() ? null : Boolean.toString(b);
			}
			case BINARY:
				return hex(rs.getBytes(i), binaryLimit);
			case TEMPORAL:
				return temporal(rs, i, type);
			case NUMBER: {
				String s = rs.getString(i);
				return s == null ? null : plainNumber(s);
			}
			default:
				return rs.getString(i);
		}
	}

	private static @Nullable String temporal(ResultSet rs, int i, String type) throws SQLException {
		try {
			if (type.equals("timestamptz") || type.contains("with time zone")) {
				OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
				return t == null ? null : t.toString();
			}
			if (type.equals("timestamp") || type.equals("datetime")) {
				LocalDateTime t = rs.getObject(i, LocalDateTime.class);
				return t == null ? null : t.toString();
			}
		}
		catch (SQLException | RuntimeException e) {
			// infinity, zero dates and the like: the driver's own text says it best
		}
		return rs.getString(i);
	}

	static @Nullable String renderObject(@Nullable Object value) {
		return renderObject(value, BINARY_DISPLAY_BYTES);
	}

	static @Nullable String renderObject(@Nullable Object value, int binaryLimit) {
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] bytes) {
			return hex(bytes, binaryLimit);
		}
		if (value instanceof Double || value instanceof Float) {
			return plainNumber(value.toString());
		}
		return value.toString();
	}

	private static String plainNumber(String s) {
		if (s.indexOf('E') < 0 && s.indexOf('e') < 0) {
			return s;
		}
		try {
			return new BigDecimal(s).toPlainString();
		}
		catch (NumberFormatException e) {
			return s; // NaN, Infinity
		}
	}

	static @Nullable String hex(byte @Nullable [] bytes) {
		return hex(bytes, BINARY_DISPLAY_BYTES);
	}

	static @Nullable String hex(byte @Nullable [] bytes, int limit) {
		if (bytes == null) {
			return null;
		}
		int shown = Math.min(bytes.length, limit);
		String hex = "\\x" + HexFormat.of().formatHex(bytes, 0, shown);
		return shown < bytes.length ? hex + "…" : hex;
	}
}

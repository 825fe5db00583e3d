package dev.steward.query.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;
import dev.steward.engine.ResultColumn.ValueKind;

/**
 * An xlsx workbook streamed through fastexcel: rows are flushed every few hundred, strings are inline (no shared
 * string table growing with the result), and a sheet that reaches Excel's row limit is followed by another.
 * Numbers with more significant digits than a double holds exactly stay text, so nothing is rounded.
 */
final class XlsxWriter implements ResultWriter {

	/** Excel's longest cell text. */
	static final int MAX_CELL = 32_767;

	private static final int FLUSH_EVERY = 500;

	private final Workbook workbook;

	private @Nullable Worksheet sheet;

	private List<ResultColumn> columns = List.of();

	private int row;

	private int sheets;

	XlsxWriter(OutputStream out) {
		this.workbook = new Workbook(out, "Steward", "1.0");
	}

	@Override
	public void begin(List<ResultColumn> columns) throws IOException {
		this.columns = columns;
		newSheet();
	}

	private void newSheet() throws IOException {
		if (sheet != null) {
			sheet.finish();
		}
		sheets++;
		Worksheet ws = workbook.newWorksheet(sheets == 1 ? "Result" : "Result " + sheets);
		for (int c = 0; c < columns.size(); c++) {
			ws.inlineString(0, c, cell(columns.get(c).name()));
			ws.style(0, c).bold().set();
		}
		sheet = ws;
		row = 1;
	}

	@Override
	public void row(List<@Nullable String> values) throws IOException {
		if (row >= Worksheet.MAX_ROWS) {
			newSheet();
		}
		Worksheet ws = sheet;
		for (int c = 0; c < values.size(); c++) {
			String v = values.get(c);
			if (v == null) {
				continue;
			}
			ValueKind kind = columns.get(c).kind();
			if (kind == ValueKind.NUMBER && exactAsDouble(v)) {
				ws.value(row, c, new BigDecimal(v));
			}
			else if (kind == ValueKind.BOOLEAN) {
				ws.value(row, c, Boolean.parseBoolean(v));
			}
			else {
				ws.inlineString(row, c, cell(v));
			}
		}
		row++;
		if (row % FLUSH_EVERY == 0) {
			ws.flush();
		}
	}

	/** Up to 15 significant digits: what a spreadsheet shows back unchanged. */
	private static boolean exactAsDouble(String v) {
		if (!JsonWriter.jsonNumber(v)) {
			return false;
		}
		int digits = 0;
		boolean leading = true;
		for (int i = 0; i < v.length(); i++) {
			char ch = v.charAt(i);
			if (ch == 'e' || ch == 'E') {
				break;
			}
			if (Character.isDigit(ch) && !(leading && ch == '0')) {
				leading = false;
				digits++;
			}
		}
		return digits <= 15;
	}

	private static String cell(String v) {
		return v.length() <= MAX_CELL ? v : v.substring(0, MAX_CELL);
	}

	@Override
	public void end() throws IOException {
		workbook.finish();
	}
}

package dev.steward.dataimport.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.dataimport.CsvPreview;
import dev.steward.dataimport.ImportColumn;
import dev.steward.engine.TableData.Column;

/** The first records of a file's sample as {@code format} reads them, with the header split off. */
public final class CsvPreviews {

	private CsvPreviews() {
	}

	public static CsvPreview preview(byte[] sample, CsvFormat format, List<Column> table, int maxRows) {
		String text = CsvSniffer.text(sample, format.charset().name());
		List<List<CsvReader.Field>> records = CsvSniffer.records(text, format.delimiter(), format.quote());
		int width = records.stream().mapToInt(List::size).max().orElse(0);
		List<String> names = new ArrayList<>();
		int first = 0;
		if (format.header() && !records.isEmpty()) {
			records.get(0).forEach(f -> names.add(f.value()));
			width = Math.max(width, names.size());
			first = 1;
		}
		for (int i = names.size(); i < width; i++) {
			names.add("column " + (i + 1));
		}
		List<List<@Nullable String>> rows = new ArrayList<>();
		for (int r = first; r < records.size() && rows.size() < maxRows; r++) {
			List<@Nullable String> row = new ArrayList<>();
			records.get(r).forEach(f -> row.add(format.value(f)));
			rows.add(row);
		}
		List<ImportColumn> columns = table.stream().map(c -> new ImportColumn(c.name(), c.dataType(), c.nullable())).toList();
		return new CsvPreview(format.options(), names, rows, columns, CsvSniffer.mapping(names, format.header(), table));
	}
}

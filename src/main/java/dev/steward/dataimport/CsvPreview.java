package dev.steward.dataimport;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The start of an uploaded CSV file as it reads with {@code options} (detected unless the caller gave them).
 *
 * @param fileColumns      the header's names, or {@code column 1…n} without a header
 * @param rows             the first records after the header, as read (NULL handling applied)
 * @param tableColumns     the target table's columns, when a table was named
 * @param suggestedMapping per file column, the table column of the same name (ignoring case, spaces and
 *                         underscores), or by position when the file has no header and as many columns; null to skip
 */
public record CsvPreview(CsvOptions options, List<String> fileColumns, List<List<@Nullable String>> rows,
		List<ImportColumn> tableColumns, List<@Nullable String> suggestedMapping) {
}

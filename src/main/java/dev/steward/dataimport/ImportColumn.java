package dev.steward.dataimport;

/** A column of the table rows are imported into, as the catalog knows it. */
public record ImportColumn(String name, String dataType, boolean nullable) {
}

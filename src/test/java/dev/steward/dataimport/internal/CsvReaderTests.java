package dev.steward.dataimport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.steward.engine.TableData.Column;

/** The RFC 4180 reader and the guesses made from a file's first bytes. */
class CsvReaderTests {

	private record Read(List<List<CsvReader.Field>> records, List<Long> lines) {
	}

	private static Read read(String text, char delimiter) throws Exception {
		CsvReader reader = new CsvReader(new StringReader(text), delimiter, '"');
		List<List<CsvReader.Field>> records = new ArrayList<>();
		List<Long> lines = new ArrayList<>();
		List<CsvReader.Field> r;
		while ((r = reader.next()) != null) {
			records.add(r);
			lines.add(reader.recordLine());
		}
		return new Read(records, lines);
	}

	private static List<String> values(List<CsvReader.Field> record) {
		return record.stream().map(CsvReader.Field::value).toList();
	}

	@Test
	void quotedFieldsHoldDelimitersQuotesAndLineBreaksAndLinesAreCounted() throws Exception {
		Read read = read("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,\"\"\n4,\"cr\r\nlf\",z", ',');
		assertThat(read.records()).hasSize(5);
		assertThat(values(read.records().get(0))).containsExactly("a", "b", "c");
		assertThat(values(read.records().get(1))).containsExactly("1", "x, y", "say \"hi\"");
		assertThat(values(read.records().get(2))).containsExactly("2", "two\nlines", "");
		assertThat(values(read.records().get(3))).containsExactly("3", "", "");
		assertThat(read.records().get(3).get(1).quoted()).isFalse();
		assertThat(read.records().get(3).get(2).quoted()).isTrue();
		assertThat(values(read.records().get(4))).containsExactly("4", "cr\r\nlf", "z");
		// the empty line 5 is skipped; record 3 starts on line 6, record 4 on line 7
		assertThat(read.lines()).containsExactly(1L, 2L, 3L, 6L, 7L);
	}

	@Test
	void malformedRecordsNameTheirLineAndColumn() {
		assertThatThrownBy(() -> read("a,b\n1,\"open\n2,3\n", ',')).isInstanceOf(CsvReader.Malformed.class)
			.hasMessageContaining("Line 2, column 2").hasMessageContaining("not closed");
		assertThatThrownBy(() -> read("a,b\n1,\"x\"y\n", ',')).isInstanceOf(CsvReader.Malformed.class)
			.hasMessageContaining("Line 2, column 2");
	}

	@Test
	void aQuoteInsideAnUnquotedFieldIsText() throws Exception {
		assertThat(values(read("5\" screen;x", ';').records().get(0))).containsExactly("5\" screen", "x");
	}

	@Test
	void guessesDelimiterEncodingHeaderAndMapping() {
		List<Column> table = List.of(new Column("id", "integer", false), new Column("full_name", "text", true));
		var options = CsvSniffer.detect("ID;Full Name\n1;Ada\n2;Grace\n".getBytes(StandardCharsets.UTF_8), table);
		assertThat(options.delimiter()).isEqualTo(";");
		assertThat(options.header()).isTrue();
		assertThat(options.encoding()).isEqualTo("UTF-8");
		assertThat(CsvSniffer.mapping(List.of("ID", "Full Name", "extra"), true, table))
			.containsExactly("id", "full_name", null);
		assertThat(CsvSniffer.detect("1\t2\n3\t4\n".getBytes(StandardCharsets.UTF_8), table).header()).isFalse();
		assertThat(CsvSniffer.detect(new byte[] { 'a', ',', (byte) 0xE9, '\n' }, table).encoding())
			.isEqualTo("windows-1252");
		assertThat(CsvSniffer.mapping(List.of("column 1", "column 2"), false, table))
			.containsExactly("id", "full_name");
	}
}

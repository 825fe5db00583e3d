package dev.steward.dataimport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.catalog.TableDataBrowser;
import dev.steward.catalog.TableDataBrowser.TableRef;
import dev.steward.dataimport.ImportKind;
import dev.steward.dataimport.ImportResult;
import dev.steward.engine.TableData.LoadFailed;
import dev.steward.engine.TableData.RowSource;
import dev.steward.job.JobContext;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;

/**
 * Loads an uploaded CSV file into a table: the file streams through the reader (never whole in memory), the rows go
 * in batches inside one transaction, progress is the bytes read of the file's size.
 */
@Component
public class CsvImport {

	private final TableDataBrowser tables;

	CsvImport(TableDataBrowser tables) {
		this.tables = tables;
	}

	/**
	 * @param mapping per file column, the table column it goes into or null to skip it (checked against the table)
	 */
	public ImportResult run(JobContext job, UploadStore.Upload upload, UUID connectionId, TableRef ref,
			CsvFormat format, List<@Nullable String> mapping) {
		String target = ref.database() + "." + ref.schema() + "." + ref.table();
		List<String> columns = new ArrayList<>();
		List<Integer> picked = new ArrayList<>();
		for (int i = 0; i < mapping.size(); i++) {
			if (mapping.get(i) != null) {
				columns.add(mapping.get(i));
				picked.add(i);
			}
		}
		ImportCancellation cancel = new ImportCancellation();
		job.onAbort(failure -> cancel.cancel());
		job.phase(JobPhase.IMPORTING);
		try (InputStream file = Files.newInputStream(upload.file());
				CountingInputStream counted = new CountingInputStream(file)) {
			job.track(ProgressUnit.BYTES, counted::count, upload.size());
			Rows rows = new Rows(format.reader(counted), format, mapping.size(), picked);
			long loaded = tables.load(connectionId, ref, columns, rows, cancel);
			job.progress(upload.size(), upload.size(), ProgressUnit.BYTES);
			return new ImportResult(ImportKind.CSV, target, loaded, 0, true, null, null, null);
		}
		catch (LoadFailed e) {
			return new ImportResult(ImportKind.CSV, target, 0, 0, false, e.line() > 0 ? e.line() : null, e.column(),
					e.getMessage());
		}
		catch (IOException e) {
			return new ImportResult(ImportKind.CSV, target, 0, 0, false, null, null,
					"The uploaded file could not be read: " + e.getMessage());
		}
	}

	/** The file's records as rows of the picked columns, every record checked to have the file's width. */
	private static final class Rows implements RowSource {

		private final CsvReader reader;

		private final CsvFormat format;

		private final int width;

		private final List<Integer> picked;

		private boolean headerSkipped;

		Rows(CsvReader reader, CsvFormat format, int width, List<Integer> picked) {
			this.reader = reader;
			this.format = format;
			this.width = width;
			this.picked = picked;
			this.headerSkipped = !format.header();
		}

		@Override
		public @Nullable List<@Nullable String> next() throws IOException {
			List<CsvReader.Field> record = read();
			if (record != null && !headerSkipped) {
				headerSkipped = true;
				record = read();
			}
			if (record == null) {
				return null;
			}
			if (record.size() != width) {
				throw new LoadFailed(line(), null, "Line " + line() + " has " + record.size() + " fields where the file has "
						+ width + " columns", false, null);
			}
			List<@Nullable String> values = new ArrayList<>(picked.size());
			for (int i : picked) {
				values.add(format.value(record.get(i)));
			}
			return values;
		}

		private @Nullable List<CsvReader.Field> read() throws IOException {
			try {
				return reader.next();
			}
			catch (CsvReader.Malformed e) {
				throw new LoadFailed(e.line(), "#" + e.field(), e.getMessage(), false, e);
			}
			catch (CharacterCodingException e) {
				long at = reader.recordLine() + 1;
				throw new LoadFailed(at, null, "Near line " + at + ": the file is not valid " + format.charset().name()
						+ "; choose its encoding", false, e);
			}
		}

		@Override
		public long line() {
			return reader.recordLine();
		}
	}
}

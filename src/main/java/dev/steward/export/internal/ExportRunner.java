package dev.steward.export.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.engine.Engines;
import dev.steward.engine.SchemaExport;
import dev.steward.engine.SchemaExportCapability;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.export.ExportEvents.ExportFinished;
import dev.steward.export.ExportKind;
import dev.steward.export.ExportPlan;
import dev.steward.job.JobContext;
import dev.steward.job.JobException;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;
import dev.steward.job.ReasonCode;
import dev.steward.query.ExportFormat;
import dev.steward.masking.DataMasking;
import dev.steward.query.TableExports;
import dev.steward.shared.Actor;
import tools.jackson.databind.json.JsonMapper;

/**
 * One export job: writes the file under a partial name in the export directory, hands the job's abort on to the tool
 * or statement, and on success syncs and renames it and stores who may download it. A failed or cancelled export
 * leaves no file behind.
 */
@Component
public class ExportRunner {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What a finished export job stores as its result: who may download it, and as what. */
	public record Outcome(UUID ownerId, String fileName, String mediaType, long bytes, long objects) {
	}

	private final Engines engines;

	private final TableExports tables;

	private final ExportFiles files;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	ExportRunner(Engines engines, TableExports tables, ExportFiles files, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.engines = engines;
		this.tables = tables;
		this.files = files;
		this.events = events;
		this.tx = tx;
	}

	public static @Nullable Outcome outcome(String json) {
		try {
			return JSON.readValue(json, Outcome.class);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	public void run(ExportPlan plan, Actor actor, JobContext context) throws Exception {
		run(plan, actor, context, DataMasking.none());
	}

	/** Runs the export with its rows masked as {@code masking} says (for the user who started it). */
	public void run(ExportPlan plan, Actor actor, JobContext context, DataMasking masking) throws Exception {
		UUID id = context.id();
		context.onFailure(failure -> {
			files.discard(id);
			publish(new ExportFinished(actor, id, plan.connection().id(), plan.kind(), 0, failure.message()));
		});
		context.phase(JobPhase.EXPORTING);
		ToolControl control = new ToolControl();
		context.onAbort(failure -> control.abort(failure.message()));
		Files.createDirectories(files.workDir(id));
		try {
			Written written;
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Files.createFile(files.partial(id),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
					StandardOpenOption.WRITE), 256 * 1024)) {
				written = plan.kind() == ExportKind.SCHEMA ? schema(plan, out, control, context)
						: data(plan, out, control, context, masking);
			}
			context.throwIfAborted();
			long bytes = files.commit(id);
			Outcome outcome = new Outcome(plan.ownerId(), written.fileName(), written.mediaType(), bytes,
					written.count());
			context.result("export:" + id, written.summary() + ", " + bytes + " bytes", JSON.writeValueAsString(outcome));
			context.phase(JobPhase.DONE);
			publish(new ExportFinished(actor, id, plan.connection().id(), plan.kind(), bytes, null));
		}
		catch (Exception e) {
			context.throwIfAborted();
			throw typed(e);
		}
		finally {
			files.discardWork(id);
		}
	}

	private record Written(String fileName, String mediaType, long count, String summary) {
	}

	private Written schema(ExportPlan plan, OutputStream out, ToolControl control, JobContext context)
			throws IOException {
		SchemaExportCapability capability = engines.capability(plan.connection().engine(),
				SchemaExportCapability.class);
		SchemaExport.Options given = plan.schemaOptions();
		SchemaExport.Options options = new SchemaExport.Options(given.database(), given.schema(), given.tables(),
				given.include(), given.dropIfExists(), given.transaction(), given.data(), files.workDir(context.id()));
		AtomicLong done = new AtomicLong();
		AtomicLong prepared = new AtomicLong();
		context.track(ProgressUnit.BYTES, prepared::get, null);
		SchemaExport.Result result = capability.export(plan.connection().spec(), options, out, control,
				new SchemaExport.Progress() {
					@Override
					public void total(long objects) {
						context.track(ProgressUnit.ITEMS, done::get, objects);
					}

					@Override
					public void done(long objects) {
						done.set(objects);
					}

					@Override
					public void preparing(long bytes) {
						prepared.set(bytes);
					}
				});
		String ext = capability.extension();
		return new Written(plan.fileName(ext), ext.equals("json") ? "application/json" : "application/sql",
				result.objects(), result.objects() + " objects by " + result.tool());
	}

	/** One table: the file itself; several: a zip with one file per table. */
	private Written data(ExportPlan plan, OutputStream out, ToolControl control, JobContext context,
			DataMasking masking) throws IOException {
		ExportFormat format = plan.format();
		AtomicLong rows = new AtomicLong();
		context.track(ProgressUnit.ROWS, rows::get, null);
		if (plan.tables().size() == 1) {
			String table = plan.tables().get(0);
			write(plan, table, format, out, rows, control, masking);
			return new Written(plan.fileName(format.extension()).replaceFirst("-data\\.", "-" + safe(table) + "."),
					format.mediaType(), rows.get(), rows.get() + " rows of " + table);
		}
		ZipOutputStream zip = new ZipOutputStream(out);
		java.util.Set<String> names = new java.util.HashSet<>();
		for (String table : plan.tables()) {
			control.throwIfAborted();
			String name = safe(table);
			for (int i = 2; !names.add(name); i++) {
				name = safe(table) + "-" + i;
			}
			zip.putNextEntry(new ZipEntry(name + "." + format.extension()));
			write(plan, table, format, new NonClosing(zip), rows, control, masking);
			zip.closeEntry();
		}
		zip.finish();
		return new Written(plan.fileName("zip"), "application/zip", rows.get(),
				rows.get() + " rows of " + plan.tables().size() + " tables");
	}

	private void write(ExportPlan plan, String table, ExportFormat format, OutputStream out, AtomicLong rows,
			ToolControl control, DataMasking masking) throws IOException {
		long before = rows.get();
		tables.write(plan.connection().engine(), plan.connection().spec(), plan.database(), plan.schema(), table,
				format, out, n -> rows.set(before + n), control, masking);
	}

	private static String safe(String table) {
		String s = table.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
		return s.isEmpty() ? "table" : s.length() > 100 ? s.substring(0, 100) : s;
	}

	private static Exception typed(Exception e) {
		ReasonCode code = switch (e) {
			case JobException j -> null;
			case ToolUnavailable t -> ReasonCode.TOOL_UNAVAILABLE;
			case ToolFailed t -> ReasonCode.TOOL_FAILED;
			case StatementFailed s -> ReasonCode.TOOL_FAILED;
			case TargetUnreachable t -> ReasonCode.TARGET_UNREACHABLE;
			default -> null;
		};
		return code == null ? e : new JobException(code, e.getMessage() == null ? e.toString() : e.getMessage(), e);
	}

	private void publish(Object event) {
		tx.executeWithoutResult(status -> events.publishEvent(event));
	}

	/** Table writers flush but must not close the zip under them. */
	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}
	}
}

package dev.steward.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.catalog.TableDataBrowser;
import dev.steward.catalog.TableDataBrowser.TableRef;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.dataimport.ImportEvents.FileUploaded;
import dev.steward.dataimport.ImportEvents.ImportFinished;
import dev.steward.dataimport.ImportEvents.ImportStarted;
import dev.steward.dataimport.internal.CsvFormat;
import dev.steward.dataimport.internal.CsvImport;
import dev.steward.dataimport.internal.ImportFailed;
import dev.steward.dataimport.internal.ScriptImport;
import dev.steward.dataimport.internal.UploadStore;
import dev.steward.dataimport.internal.UploadStore.Upload;
import dev.steward.engine.DdlLanguage;
import dev.steward.engine.Engines;
import dev.steward.engine.TableData.Relation;
import dev.steward.job.JobContext;
import dev.steward.job.JobKind;
import dev.steward.job.JobRequest;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports into a connection. Every call first checks that the caller may write into it (OPERATOR or ADMIN, and the
 * connection's owner or an ADMIN), before looking at the input; uploads are the uploader's own, for that
 * connection only; imports run as jobs, audited when asked for and when finished.
 */
@Service
public class Imports {

	static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private static final int MAX_NAME = 1024;

	private static final int PREVIEW_ROWS = 20;

	private static final int MAX_ERROR = 1500;

	private final ConnectionLookup connections;

	private final TableDataBrowser tables;

	private final Engines engines;

	private final Jobs jobs;

	private final UploadStore uploads;

	private final CsvImport csv;

	private final ScriptImport scripts;

	private final ImportProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	Imports(ConnectionLookup connections, TableDataBrowser tables, Engines engines, Jobs jobs, UploadStore uploads,
			CsvImport csv, ScriptImport scripts, ImportProperties properties, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.connections = connections;
		this.tables = tables;
		this.engines = engines;
		this.jobs = jobs;
		this.uploads = uploads;
		this.csv = csv;
		this.scripts = scripts;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
	}

	/** Streams {@code body} to disk; over the size limit it is refused ({@link UploadTooLarge}) and nothing stays. */
	public UploadView upload(UUID connectionId, @Nullable String name, InputStream body, long declaredLength)
			throws IOException {
		CurrentUser user = writer();
		ResolvedConnection connection = connections.resolveWritable(connectionId);
		String file = fileName(name);
		Upload upload = uploads.store(user.id(), connection.id(), file, body, declaredLength);
		publish(new FileUploaded(Actor.current(), connection.id(), upload.id(), file, upload.size(), Instant.now()));
		return view(upload);
	}

	/** Forgets an upload of the caller's that no import is reading. */
	public void discard(UUID connectionId, UUID uploadId) {
		CurrentUser user = writer();
		connections.resolveWritable(connectionId);
		Upload upload = upload(user, connectionId, uploadId);
		if (upload.inUse().get()) {
			throw new Conflict("An import is reading this file");
		}
		uploads.delete(upload.id());
	}

	/** The start of an uploaded CSV file, read with the given options or with detected ones. */
	public CsvPreview preview(UUID connectionId, UUID uploadId, PreviewRequest request) throws IOException {
		CurrentUser user = writer();
		connections.resolveWritable(connectionId);
		Upload upload = upload(user, connectionId, uploadId);
		List<dev.steward.engine.TableData.Column> columns = request.table() == null ? List.of()
				: tables.importTarget(connectionId, ref(request.database(), request.schema(), request.table()))
					.columns();
		byte[] sample = sample(upload);
		CsvFormat format = request.options() == null
				? CsvFormat.of(dev.steward.dataimport.internal.CsvSniffer.detect(sample, columns), "options")
				: CsvFormat.of(request.options(), "options");
		return dev.steward.dataimport.internal.CsvPreviews.preview(sample, format, columns, PREVIEW_ROWS);
	}

	/** Starts the import as a job; the upload is deleted when it ends. */
	public JobView start(UUID connectionId, ImportRequest request) {
		CurrentUser user = writer();
		ResolvedConnection connection = connections.resolveWritable(connectionId);
		if (request.uploadId() == null) {
			throw new InvalidInput("uploadId", "is required");
		}
		Upload upload = upload(user, connectionId, request.uploadId());
		ImportKind kind = request.kind() == null ? ImportKind.CSV : request.kind();
		Actor actor = Actor.current();
		PreparedImport prepared = kind == ImportKind.CSV ? csv(connection, request, upload)
				: script(connection, request, upload);
		if (!upload.inUse().compareAndSet(false, true)) {
			throw new Conflict("An import is already reading this file");
		}
		try {
			JobView job = tx.execute(status -> {
				JobView submitted = jobs.submit(new JobRequest(JobKind.IMPORT, connection.id(), upload.id(), actor,
						user.id(), user.username(), "import:" + connection.id() + "/" + prepared.target(),
						properties.stallTimeout(), properties.overallTimeout()),
						context -> finish(context, actor, connection.id(), kind, prepared, upload));
				events.publishEvent(new ImportStarted(actor, connection.id(), submitted.id(), kind, prepared.target(),
						upload.name(), Instant.now()));
				return submitted;
			});
			return java.util.Objects.requireNonNull(job);
		}
		catch (RuntimeException e) {
			upload.inUse().set(false);
			throw e;
		}
	}

	/** What a finished (or failed) import did; the job's visibility rules apply. */
	public ImportResult result(UUID connectionId, UUID jobId) {
		JobView job = jobs.get(jobId);
		if (job.kind() != JobKind.IMPORT || !connectionId.equals(job.connectionId())) {
			throw new NotFound("Import", jobId);
		}
		String json = jobs.resultJson(jobId).orElseThrow(() -> new NotFound("Import result", jobId));
		return JSON.readValue(json, ImportResult.class);
	}

	/** What the job runs: the import's own work, then its result stored and audited, the upload deleted. */
	private interface PreparedImport {

		String target();

		ImportResult run(JobContext context);
	}

	private void finish(JobContext context, Actor actor, UUID connectionId, ImportKind kind, PreparedImport prepared,
			Upload upload) {
		ImportResult result;
		RuntimeException thrown = null;
		try {
			result = prepared.run(context);
		}
		catch (RuntimeException e) {
			thrown = e;
			result = new ImportResult(kind, prepared.target(), 0, 0, false, null, null,
					e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
		}
		finally {
			uploads.delete(upload.id());
		}
		// the job keeps its summary and message in bounded columns
		ImportResult done = result.error() == null || result.error().length() <= MAX_ERROR ? result
				: new ImportResult(result.kind(), result.target(), result.rows(), result.statements(), result.committed(),
						result.line(), result.column(), result.error().substring(0, MAX_ERROR) + "…");
		context.result("connection:" + connectionId, summary(done), JSON.writeValueAsString(done));
		publish(new ImportFinished(actor, connectionId, context.id(), kind, done.target(), done.rows(),
				done.statements(), done.error(), Instant.now()));
		if (done.error() != null) {
			context.throwIfAborted();
			// a typed failure (target unreachable, table gone) keeps its reason code
			throw thrown != null ? thrown : new ImportFailed(java.util.Objects.requireNonNull(done.error()), null);
		}
	}

	private static String summary(ImportResult r) {
		if (r.error() != null) {
			return r.error();
		}
		return r.kind() == ImportKind.CSV ? "Imported " + r.rows() + " rows into " + r.target()
				: "Ran " + r.statements() + " statements in " + r.target();
	}

	private PreparedImport csv(ResolvedConnection connection, ImportRequest request, Upload upload) {
		TableRef ref = ref(request.database(), request.schema(), request.table());
		Relation relation = tables.importTarget(connection.id(), ref);
		CsvFormat format = CsvFormat.of(request.csv(), "csv");
		List<@Nullable String> mapping = mapping(request.mapping(), relation);
		String target = ref.database() + "." + ref.schema() + "." + ref.table();
		return new PreparedImport() {

			@Override
			public String target() {
				return target;
			}

			@Override
			public ImportResult run(JobContext context) {
				return csv.run(context, upload, connection.id(), ref, format, mapping);
			}
		};
	}

	private PreparedImport script(ResolvedConnection connection, ImportRequest request, Upload upload) {
		if (engines.traits(connection.engine()).ddlLanguage() != DdlLanguage.SQL) {
			throw new Conflict("SQL scripts can only be imported into SQL databases");
		}
		if (upload.size() > properties.maxScriptBytes()) {
			throw new InvalidInput("uploadId", "Scripts are limited to " + properties.maxScriptBytes() + " bytes");
		}
		String database = database(connection, request.database());
		Charset charset = CsvFormat.charset(request.encoding(), "encoding");
		String target = database == null ? connection.name() : database;
		UUID id = connection.id();
		return new PreparedImport() {

			@Override
			public String target() {
				return target;
			}

			@Override
			public ImportResult run(JobContext context) {
				return scripts.run(context, upload, connections.resolveAsSystem(id), database, charset);
			}
		};
	}

	private static List<@Nullable String> mapping(@Nullable List<@Nullable String> mapping, Relation relation) {
		if (mapping == null || mapping.isEmpty() || mapping.size() > 4096) {
			throw new InvalidInput("mapping", "One entry per file column (a table column, or null to skip it)");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < mapping.size(); i++) {
			String column = mapping.get(i);
			if (column == null) {
				continue;
			}
			if (!relation.hasColumn(column)) {
				throw new InvalidInput("mapping[" + i + "]", "No column '" + column + "' in " + relation.name());
			}
			if (!seen.add(column)) {
				throw new InvalidInput("mapping[" + i + "]", "Column '" + column + "' is mapped twice");
			}
		}
		if (seen.isEmpty()) {
			throw new InvalidInput("mapping", "Map at least one file column to a table column");
		}
		return new ArrayList<>(mapping);
	}

	private static @Nullable String database(ResolvedConnection connection, @Nullable String database) {
		if (database == null || database.isEmpty()) {
			return null;
		}
		if (database.length() > 255 || database.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput("database", "A database name of at most 255 characters, without control characters");
		}
		if (!connection.browseAllDatabases() && !database.equals(connection.spec().database())) {
			throw new InvalidInput("database", "This connection may only use its own database");
		}
		return database;
	}

	static TableRef ref(@Nullable String database, @Nullable String schema, @Nullable String table) {
		return new TableRef(name(database, "database"), name(schema, "schema"), name(table, "table"));
	}

	private static String name(@Nullable String value, String field) {
		if (value == null || value.isEmpty() || value.length() > MAX_NAME
				|| value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput(field, "A name of 1 to " + MAX_NAME + " characters, without control characters");
		}
		return value;
	}

	/** The name to show for the file: its last path segment, without control characters, bounded. */
	static String fileName(@Nullable String name) {
		String n = name == null ? "" : name;
		n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
		n = n.codePoints().filter(c -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
		if (n.length() > 200) {
			n = n.substring(0, 200);
		}
		return n.isEmpty() ? "upload" : n;
	}

	private static CurrentUser writer() {
		CurrentUser user = CurrentUser.require();
		if (!user.canOperate()) {
			throw new AccessDeniedException("Only operators and administrators may import");
		}
		return user;
	}

	private Upload upload(CurrentUser user, UUID connectionId, UUID uploadId) {
		return uploads.find(uploadId, user.id(), connectionId).orElseThrow(() -> new NotFound("Upload", uploadId));
	}

	private byte[] sample(Upload upload) throws IOException {
		try (InputStream in = Files.newInputStream(upload.file())) {
			return in.readNBytes(dev.steward.dataimport.internal.CsvSniffer.SAMPLE_BYTES);
		}
	}

	private UploadView view(Upload upload) {
		return new UploadView(upload.id(), upload.connectionId(), upload.name(), upload.size(), upload.at(),
				uploads.expiresAt(upload));
	}

	private void publish(Object event) {
		// the audit listener fires after commit, so the event needs a transaction of its own
		tx.executeWithoutResult(status -> events.publishEvent(event));
	}
}

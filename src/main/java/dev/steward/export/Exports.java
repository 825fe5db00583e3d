package dev.steward.export;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.catalog.CatalogBrowser;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SchemaInfo;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.engine.Engines;
import dev.steward.engine.EngineTraits;
import dev.steward.engine.SchemaExport;
import dev.steward.engine.SchemaExport.DataMode;
import dev.steward.engine.SchemaExportCapability;
import dev.steward.export.ExportEvents.ExportDownloaded;
import dev.steward.export.ExportEvents.ExportStarted;
import dev.steward.export.internal.ExportFiles;
import dev.steward.export.internal.ExportProperties;
import dev.steward.export.internal.ExportRunner;
import dev.steward.job.JobKind;
import dev.steward.job.JobQuery;
import dev.steward.job.JobRequest;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.query.ExportFormat;
import dev.steward.masking.DataMasking;
import dev.steward.masking.ResultMasking;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/**
 * Starts exports and hands out their files. Rights come first: the connection must be one the caller may use
 * (every role may read, as in the data grid and the console); only then are the database, schema and every table
 * checked against the live catalog, and the options against what the engine supports. Each user has at most
 * {@code steward.exports.max-per-user} exports queued or running; the kind's job limit bounds the work itself.
 */
@Service
public class Exports {

	/** Most tables one export may name. */
	public static final int MAX_TABLES = 1000;

	private final ConnectionLookup connections;

	private final CatalogBrowser catalog;

	private final Engines engines;

	private final Jobs jobs;

	private final ExportFiles files;

	private final ExportRunner runner;

	private final ExportProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final ResultMasking masking;

	Exports(ConnectionLookup connections, CatalogBrowser catalog, Engines engines, Jobs jobs, ExportFiles files,
			ExportRunner runner, ExportProperties properties, ApplicationEventPublisher events,
			TransactionTemplate tx, ResultMasking masking) {
		this.connections = connections;
		this.catalog = catalog;
		this.engines = engines;
		this.jobs = jobs;
		this.files = files;
		this.runner = runner;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.masking = masking;
	}

	public JobView start(UUID connectionId, ExportJobRequest request) {
		CurrentUser user = CurrentUser.require();
		ResolvedConnection connection = connections.resolveActive(connectionId);
		ExportPlan plan = plan(connection, user, request);
		requireRoom(user);
		// decided now, for the user who starts it: the job runs later on a thread of its own
		DataMasking masking = this.masking.forUser(user, connection, plan.database());
		if (plan.kind() == ExportKind.SCHEMA && plan.schemaOptions() != null
				&& plan.schemaOptions().data() != dev.steward.engine.SchemaExport.DataMode.NONE
				&& masking.holdsMaskedColumns()) {
			// the dump tools write rows unmasked: a masked user exports the data through the masked path instead
			throw new dev.steward.masking.MaskedDataRefused("This database holds columns masked for your role: "
					+ "export its schema without data, and its rows as a data export");
		}
		Actor actor = Actor.current();
		return tx.execute(status -> {
			JobView job = jobs.submit(new JobRequest(JobKind.EXPORT, connection.id(), null, actor, user.id(),
					user.username(), null, properties.stallTimeout(), properties.overallTimeout()),
					context -> runner.run(plan, actor, context, masking));
			events.publishEvent(new ExportStarted(actor, job.id(), connection.id(), connection.name(), plan.kind(),
					describe(plan)));
			return job;
		});
	}

	/** The finished file of an export the caller started (ADMIN: any); anything else is 404. */
	public ExportFile download(UUID jobId) {
		CurrentUser user = CurrentUser.require();
		JobView job = jobs.get(jobId);
		ExportRunner.Outcome outcome = jobs.resultJson(jobId).map(ExportRunner::outcome).orElse(null);
		if (job.kind() != JobKind.EXPORT || outcome == null
				|| !(user.isAdmin() || outcome.ownerId().equals(user.id()))) {
			throw new NotFound("Export", jobId);
		}
		if (job.status() != JobStatus.COMPLETED || !Files.isRegularFile(files.finished(jobId))) {
			throw new NotFound("Export file", jobId);
		}
		ExportFile file = new ExportFile(files.finished(jobId), outcome.fileName(), outcome.mediaType(),
				outcome.bytes());
		tx.executeWithoutResult(status -> events.publishEvent(new ExportDownloaded(Actor.current(), jobId,
				file.fileName(), file.size())));
		return file;
	}

	private void requireRoom(CurrentUser user) {
		int active = 0;
		for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
			PageResult<JobView> page = jobs.list(new JobQuery(JobKind.EXPORT, status, null, null), 0, 200);
			active += (int) page.items().stream().filter(j -> j.startedBy().equals(user.username())).count();
		}
		if (active >= properties.maxPerUser()) {
			throw new Conflict("You already have " + active + " exports queued or running (at most "
					+ properties.maxPerUser() + "); wait for one to finish or cancel it");
		}
	}

	ExportPlan plan(ResolvedConnection connection, CurrentUser user, ExportJobRequest request) {
		ExportKind kind = kind(request.kind());
		EngineTraits traits = engines.traits(connection.engine());
		String database = request.database() == null || request.database().isBlank()
				? ownDatabase(connection) : request.database();
		if (database == null || database.length() > 255 || database.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput("database", "Name the database to export");
		}
		List<SchemaInfo> schemas = catalog.schemas(connection.id(), database);
		String catalogSchema;
		String schema;
		if (traits.schemas()) {
			schema = request.schema() == null || request.schema().isBlank() ? "public" : request.schema();
			String wanted = schema;
			if (schemas.stream().noneMatch(s -> s.name().equals(wanted))) {
				throw new NotFound("Schema", abbreviate(schema));
			}
			catalogSchema = schema;
		}
		else {
			catalogSchema = schemas.get(0).name();
			schema = null;
		}
		List<String> tables = tables(connection, database, catalogSchema, request.tables(), kind);
		if (kind == ExportKind.DATA) {
			if (tables.isEmpty()) {
				throw new InvalidInput("tables", "Choose at least one table to export");
			}
			return new ExportPlan(kind, connection, user.id(), database, schema, tables, null,
					ExportFormat.parse(request.format()));
		}
		SchemaExportCapability capability = engines.findCapability(connection.engine(), SchemaExportCapability.class)
			.orElseThrow(() -> new InvalidInput("kind", traits.displayName() + " has no schema export"));
		SchemaExport.Options options = options(request.options(), capability, database, schema, tables);
		return new ExportPlan(kind, connection, user.id(), database, schema, tables, options, null);
	}

	private @Nullable String ownDatabase(ResolvedConnection connection) {
		String own = connection.spec().database();
		return own != null && !own.isBlank() ? own : engines.adapter(connection.engine()).defaultDatabase(connection.spec());
	}

	private static ExportKind kind(@Nullable String kind) {
		try {
			return ExportKind.valueOf((kind == null ? "" : kind.strip()).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("kind", "SCHEMA or DATA");
		}
	}

	/** Every named table must be one the catalog lists in the schema (DATA: views and collections too). */
	private List<String> tables(ResolvedConnection connection, String database, String schema,
			@Nullable List<String> requested, ExportKind kind) {
		if (requested == null || requested.isEmpty()) {
			return List.of();
		}
		if (requested.size() > MAX_TABLES) {
			throw new InvalidInput("tables", "At most " + MAX_TABLES + " tables");
		}
		Set<ObjectKind> kinds = kind == ExportKind.DATA
				? EnumSet.of(ObjectKind.TABLE, ObjectKind.PARTITIONED_TABLE, ObjectKind.VIEW,
						ObjectKind.MATERIALIZED_VIEW, ObjectKind.FOREIGN_TABLE, ObjectKind.COLLECTION)
				: EnumSet.of(ObjectKind.TABLE, ObjectKind.PARTITIONED_TABLE, ObjectKind.COLLECTION);
		Set<String> known = new HashSet<>();
		for (int page = 0; page < 100; page++) {
			PageResult<ObjectSummary> objects = catalog.objects(connection.id(),
					new ObjectQuery(database, schema, null, null, page, 200, SortKey.NAME, false));
			objects.items().stream().filter(o -> kinds.contains(o.kind())).forEach(o -> known.add(o.name()));
			if (objects.items().size() < 200) {
				break;
			}
		}
		Set<String> chosen = new LinkedHashSet<>();
		for (String t : requested) {
			if (t == null || !known.contains(t)) {
				throw new InvalidInput("tables", "No table '" + abbreviate(String.valueOf(t)) + "' in " + schema);
			}
			chosen.add(t);
		}
		return List.copyOf(chosen);
	}

	private static SchemaExport.Options options(ExportJobRequest.@Nullable SchemaOptions o,
			SchemaExportCapability capability, String database, @Nullable String schema, List<String> tables) {
		ExportJobRequest.SchemaOptions opts = o == null
				? new ExportJobRequest.SchemaOptions(null, null, null, null, null, null, null, null, null, null) : o;
		Set<SchemaExport.ObjectKind> include = EnumSet.noneOf(SchemaExport.ObjectKind.class);
		add(include, capability, SchemaExport.ObjectKind.VIEWS, opts.views(), "views");
		add(include, capability, SchemaExport.ObjectKind.ROUTINES, opts.routines(), "routines");
		add(include, capability, SchemaExport.ObjectKind.TRIGGERS, opts.triggers(), "triggers");
		add(include, capability, SchemaExport.ObjectKind.INDEXES, opts.indexes(), "indexes");
		add(include, capability, SchemaExport.ObjectKind.SEQUENCES, opts.sequences(), "sequences");
		add(include, capability, SchemaExport.ObjectKind.TYPES, opts.types(), "types");
		add(include, capability, SchemaExport.ObjectKind.EVENTS, opts.events(), "events");
		DataMode data;
		try {
			data = opts.data() == null ? DataMode.NONE : DataMode.valueOf(opts.data().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("options.data", "NONE, INSERTS or COPY");
		}
		if (!capability.dataModes().contains(data)) {
			throw new InvalidInput("options.data", "This engine's export cannot write rows as " + data
					+ " (it can: " + capability.dataModes() + ")");
		}
		// the work directory is the job's own; the runner fills it in
		return new SchemaExport.Options(database, schema, tables, include, Boolean.TRUE.equals(opts.dropIfExists()),
				Boolean.TRUE.equals(opts.transaction()), data, java.nio.file.Path.of("."));
	}

	/**
	 * Defaults to on where the engine supports the kind; a kind the engine cannot toggle is ignored (MySQL's indexes
	 * live inside CREATE TABLE, SQLite has no routines), so one form serves every engine.
	 */
	private static void add(Set<SchemaExport.ObjectKind> include, SchemaExportCapability capability,
			SchemaExport.ObjectKind kind, @Nullable Boolean wanted, String field) {
		boolean supported = capability.objectKinds().contains(kind);
		if (supported && !Boolean.FALSE.equals(wanted)) {
			include.add(kind);
		}
	}

	private static String describe(ExportPlan plan) {
		List<String> parts = new ArrayList<>();
		parts.add("database " + plan.database() + (plan.schema() == null ? "" : ", schema " + plan.schema()));
		parts.add(plan.tables().isEmpty() ? "all tables" : plan.tables().size() + " table(s)");
		if (plan.format() != null) {
			parts.add(plan.format().name().toLowerCase(Locale.ROOT));
		}
		if (plan.schemaOptions() != null) {
			parts.add("with " + plan.schemaOptions().include() + ", data " + plan.schemaOptions().data());
		}
		return abbreviate(String.join("; ", parts));
	}

	private static String abbreviate(String s) {
		String printable = s.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
	}
}

package dev.steward.monitor;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.MaintenanceCapability;
import dev.steward.engine.MaintenanceCapability.Offer;
import dev.steward.engine.MaintenanceCapability.Table;
import dev.steward.engine.MaintenanceCapability.TableUnknown;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetPools;
import dev.steward.job.JobContext;
import dev.steward.job.JobException;
import dev.steward.job.JobKind;
import dev.steward.job.JobPhase;
import dev.steward.job.JobRequest;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.job.ProgressUnit;
import dev.steward.job.ReasonCode;
import dev.steward.monitor.SessionEvents.MaintenanceFinished;
import dev.steward.monitor.SessionEvents.MaintenanceStarted;
import dev.steward.monitor.internal.MonitorProperties;
import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.security.UserDirectory;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;

/**
 * Maintenance (vacuum, statistics, reindex, checks) as a background job: tables checked against the catalog first,
 * then one statement per table with progress (the engine's own report on the current table where it has one),
 * cancellable at the server, audited at start and end. Needs the right to write to the connection.
 */
@Service
public class Maintenance {

	/** Tables one request may name; and the most a whole-database run covers table by table. */
	public static final int MAX_NAMED = 500;

	public static final int MAX_TABLES = 10_000;

	private static final int MAX_NAME = 255;

	private final ConnectionLookup lookup;

	private final Engines engines;

	private final TargetPools pools;

	private final Jobs jobs;

	private final MonitorProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final tools.jackson.databind.json.JsonMapper json;

	private final UserDirectory users;

	Maintenance(ConnectionLookup lookup, Engines engines, TargetPools pools, Jobs jobs, MonitorProperties properties,
			ApplicationEventPublisher events, TransactionTemplate tx, tools.jackson.databind.json.JsonMapper json,
			UserDirectory users) {
		this.users = users;
		this.lookup = lookup;
		this.engines = engines;
		this.pools = pools;
		this.jobs = jobs;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.json = json;
	}

	/** What the connection's engine offers; empty when it offers no maintenance. */
	public List<MaintenanceOffer> operations(UUID connectionId) {
		ResolvedConnection connection = lookup.resolve(connectionId);
		return engines.findCapability(connection.engine(), MaintenanceCapability.class)
			.map(m -> m.operations().stream().map(o -> new MaintenanceOffer(o.operation(), o.perTable())).toList())
			.orElse(List.of());
	}

	@Transactional
	public JobView start(UUID connectionId, MaintenanceRequest request) {
		ResolvedConnection connection = lookup.resolveWritable(connectionId);
		CurrentUser user = CurrentUser.require();
		return begin(connection, request, user.id(), user.username(), Actor.current(), null);
	}

	/**
	 * For a maintenance schedule firing: the same checks, job and audit as {@link #start}, with no current user;
	 * the job is started by the schedule's owner, and refused ({@link OwnerMayNotWrite}) when the owner may no
	 * longer write to the connection (disabled, demoted, no longer its owner) or the connection is switched off.
	 */
	@Transactional
	public JobView startForSchedule(UUID connectionId, MaintenanceRequest request, UUID ownerId, String ownerName,
			UUID scheduleId) {
		ResolvedConnection connection = lookup.resolveAsSystem(connectionId);
		Role role = users.enabledRole(ownerId).orElseThrow(
				() -> new OwnerMayNotWrite("the schedule's owner " + ownerName + " is disabled or no longer exists"));
		boolean writes = role == Role.ADMIN
				|| ((role == Role.OPERATOR) && connection.ownerId().equals(ownerId));
		if (!writes) {
			throw new OwnerMayNotWrite("the schedule's owner " + ownerName + " may no longer write to connection '"
					+ connection.name() + "'");
		}
		if (!connection.active()) {
			throw new OwnerMayNotWrite("connection '" + connection.name() + "' is switched off");
		}
		return begin(connection, request, ownerId, ownerName, Actor.system(), scheduleId);
	}

	/** A scheduled run refused because its owner may no longer write to the connection. */
	public static final class OwnerMayNotWrite extends RuntimeException {

		OwnerMayNotWrite(String message) {
			super(message);
		}
	}

	/** The offer for the operation, checked against the request's tables (named only where it runs per table). */
	Offer offer(MaintenanceCapability capability, ResolvedConnection connection, MaintenanceRequest request) {
		if (request.operation() == null) {
			throw new InvalidInput("operation", "is required");
		}
		Offer offer = capability.operations().stream().filter(o -> o.operation() == request.operation()).findFirst()
			.orElseThrow(() -> new InvalidInput("operation", "is not offered for " + connection.engine().name()));
		if (!offer.perTable() && !named(request.tables()).isEmpty()) {
			throw new InvalidInput("tables", request.operation() + " always covers the whole database; name no tables");
		}
		return offer;
	}

	/** For maintenance schedules: the request's operation and table names checked as {@link #start} does. */
	void check(ResolvedConnection connection, MaintenanceRequest request) {
		offer(engines.capability(connection.engine(), MaintenanceCapability.class), connection, request);
	}

	private JobView begin(ResolvedConnection connection, MaintenanceRequest request, UUID startedById,
			String startedBy, Actor actor, @Nullable UUID scheduleId) {
		MaintenanceCapability capability = engines.capability(connection.engine(), MaintenanceCapability.class);
		Offer offer = offer(capability, connection, request);
		List<Table> named = named(request.tables());
		ConnectionSpec spec = connection.spec();
		TargetPool pool = pools.get(connection.poolKey(), spec);
		List<Table> tables = offer.perTable() ? resolve(capability, pool, spec, named) : List.of();
		String operation = offer.operation().name();
		Run run = new Run(connection, spec, capability, offer, tables, actor);
		JobView job = jobs.submit(new JobRequest(JobKind.MAINTENANCE, connection.id(), null, actor, startedById,
				startedBy, "maintenance:" + connection.id(), Duration.ofHours(1), Duration.ofHours(12)), run::execute);
		events.publishEvent(new MaintenanceStarted(actor, connection.id(), connection.name(), job.id(), operation,
				tables.stream().map(Table::display).toList(), scheduleId, startedBy, Instant.now()));
		return job;
	}

	static List<Table> named(@Nullable List<MaintenanceRequest.TableName> tables) {
		if (tables == null) {
			return List.of();
		}
		if (tables.size() > MAX_NAMED) {
			throw new InvalidInput("tables", "at most " + MAX_NAMED + " tables");
		}
		List<Table> out = new ArrayList<>();
		for (MaintenanceRequest.TableName t : tables) {
			if (t == null || !validName(t.name()) || (t.schema() != null && !validName(t.schema()))) {
				throw new InvalidInput("tables", "names of at most " + MAX_NAME + " characters, without control characters");
			}
			out.add(new Table(t.schema(), t.name()));
		}
		return out;
	}

	private static boolean validName(@Nullable String name) {
		return name != null && !name.isBlank() && name.length() <= MAX_NAME
				&& name.chars().noneMatch(Character::isISOControl);
	}

	private List<Table> resolve(MaintenanceCapability capability, TargetPool pool, ConnectionSpec spec,
			List<Table> named) {
		try {
			List<Table> tables = capability.tables(pool, spec, named, properties.sampleTimeout(), MAX_TABLES + 1);
			if (tables.size() > MAX_TABLES) {
				throw new InvalidInput("tables", "the database has more than " + MAX_TABLES + " tables; name them");
			}
			return tables.stream().distinct().toList();
		}
		catch (TableUnknown e) {
			throw new InvalidInput("tables", "no table " + e.table());
		}
	}

	/** One maintenance job's work: the tables in turn, progress in percent, the result as JSON. */
	private final class Run {

		private final ResolvedConnection connection;

		private final ConnectionSpec spec;

		private final MaintenanceCapability capability;

		private final Offer offer;

		private final List<Table> tables;

		private final Actor actor;

		Run(ResolvedConnection connection, ConnectionSpec spec, MaintenanceCapability capability, Offer offer,
				List<Table> tables, Actor actor) {
			this.connection = connection;
			this.spec = spec;
			this.capability = capability;
			this.offer = offer;
			this.tables = tables;
			this.actor = actor;
		}

		void execute(JobContext context) {
			String operation = offer.operation().name();
			try {
				List<String> messages = work(context);
				String summary = summary(messages);
				context.result("connection:" + connection.id(), summary,
						json.writeValueAsString(new MaintenanceResult(operation,
								tables.stream().map(Table::display).toList(), messages)));
				finished(context, true, summary);
			}
			catch (RuntimeException e) {
				finished(context, false, context.aborted() != null ? "stopped: " + context.aborted().reason()
						: String.valueOf(e.getMessage()));
				throw e;
			}
		}

		private List<String> work(JobContext context) {
			context.phase(JobPhase.MAINTAINING);
			TargetPool pool = pools.get(connection.poolKey(), spec);
			AtomicReference<@Nullable Statement> running = new AtomicReference<>();
			context.onAbort(f -> cancel(running.get()));
			List<@Nullable Table> steps = offer.perTable() ? new ArrayList<>(tables) : new ArrayList<>();
			if (!offer.perTable()) {
				steps.add(null);
			}
			List<String> messages = new ArrayList<>();
			int n = steps.size();
			context.progress(0, 100L, ProgressUnit.PERCENT);
			for (int i = 0; i < n; i++) {
				context.throwIfAborted();
				int done = i;
				Table table = steps.get(i);
				MaintenanceCapability.Control control = new MaintenanceCapability.Control() {
					@Override
					public void running(@Nullable Statement statement) {
						running.set(statement);
					}

					@Override
					public void fraction(double part) {
						context.progress(Math.round(100.0 * (done + part) / n), 100L, ProgressUnit.PERCENT);
					}
				};
				try {
					messages.addAll(capability.run(pool, spec, offer.operation(), table, control));
				}
				catch (SQLException e) {
					context.throwIfAborted();
					throw new JobException(ReasonCode.TOOL_FAILED, (table == null ? "" : table.display() + ": ")
							+ e.getMessage(), e);
				}
				context.progress(Math.round(100.0 * (i + 1) / n), 100L, ProgressUnit.PERCENT);
			}
			context.progress(100, 100L, ProgressUnit.PERCENT);
			return messages;
		}

		private String summary(List<String> messages) {
			String what = offer.operation().name() + (offer.perTable() ? " of " + tables.size() + " table(s)"
					: " of the database");
			return messages.isEmpty() ? what + ": no problems reported" : what + ": " + messages.size() + " message(s)";
		}

		private void finished(JobContext context, boolean completed, String summary) {
			tx.executeWithoutResult(status -> events.publishEvent(new MaintenanceFinished(actor, connection.id(),
					connection.name(), context.id(), offer.operation().name(), completed, summary, Instant.now())));
		}
	}

	private static void cancel(@Nullable Statement statement) {
		if (statement != null) {
			try {
				statement.cancel();
			}
			catch (SQLException | RuntimeException e) {
				// the statement already finished or the connection is gone: nothing left to stop
			}
		}
	}

	/** What a maintenance job stores as its result. */
	public record MaintenanceResult(String operation, List<String> tables, List<String> messages) {
	}
}

package dev.steward.schedule.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupView;
import dev.steward.schedule.Retention;
import dev.steward.schedule.RetentionPreview;
import dev.steward.schedule.ScheduleEvents;

/**
 * Applies a schedule's retention to its own completed backups on each target, after a successful run only. The
 * plan comes from {@link RetentionPlanner}; the preview shows the same plan without acting on it.
 */
@Component
public class RetentionRunner {

	private static final Logger log = LoggerFactory.getLogger(RetentionRunner.class);

	private final ScheduleRunRecords runs;

	private final BackupArtefacts backups;

	private final ScheduleSettings settings;

	private final ApplicationEventPublisher events;

	private final dev.steward.backup.BackupDatabases databases;

	RetentionRunner(ScheduleRunRecords runs, BackupArtefacts backups, ScheduleSettings settings,
			ApplicationEventPublisher events, dev.steward.backup.BackupDatabases databases) {
		this.databases = databases;
		this.runs = runs;
		this.backups = backups;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * What the policy decides now on each target for each database the schedule backed up, with the backups it
	 * talks about: every (target, database) on its own, so the newest good backup of each database survives.
	 */
	public List<TargetPlan> plan(ScheduleRow row, Instant now) {
		List<TargetPlan> plans = new ArrayList<>();
		List<BackupView> all = backups.findAsSystem(runs.backupsOf(row.id()));
		String own = ownDatabase(row);
		for (String target : row.targets()) {
			// a backup recorded without a database holds the connection's own
			Map<String, Map<UUID, BackupView>> byDatabase = all.stream()
				.filter(b -> b.status() == BackupStatus.COMPLETED && hasGoodCopy(b, target))
				.collect(Collectors.groupingBy(b -> key(b.database() == null ? own : b.database()), java.util.TreeMap::new,
						Collectors.toMap(BackupView::id, Function.identity())));
			for (Map.Entry<String, Map<UUID, BackupView>> group : byDatabase.entrySet()) {
				String database = group.getKey().isEmpty() ? null : group.getKey();
				Map<UUID, BackupView> ours = group.getValue();
				Set<UUID> protectedIds = backups.newestCompletedAsSystem(row.connectionId(), database, own, target)
					.map(b -> Set.of(b.id()))
					.orElse(Set.of());
				List<RetentionPlanner.Decision> decisions = RetentionPlanner.plan(
						ours.values().stream().map(b -> new RetentionPlanner.Candidate(b.id(), b.createdAt().toInstant())).toList(),
						row.retention(), now, CronTimings.zone(row.timeZone()), settings.retentionMinimum(), protectedIds);
				plans.add(new TargetPlan(target, decisions, ours, database));
			}
		}
		return plans;
	}

	private static String key(@org.jspecify.annotations.Nullable String database) {
		return database == null ? "" : database;
	}

	private @org.jspecify.annotations.Nullable String ownDatabase(ScheduleRow row) {
		try {
			return databases.ownAsSystem(row.connectionId());
		}
		catch (RuntimeException e) {
			// the connection is gone or unreachable: its unnamed backups stay a group of their own
			return null;
		}
	}

	/** Retention works on copies: a backup counts on a target while its copy there is good. */
	private static boolean hasGoodCopy(BackupView b, String target) {
		if (b.copies().isEmpty()) {
			return target.equals(b.storageTarget());
		}
		return b.copies().stream().anyMatch(c -> c.targetId().equals(target) && "COMPLETED".equals(c.status()));
	}

	public record TargetPlan(String target, List<RetentionPlanner.Decision> decisions, Map<UUID, BackupView> backups,
			@org.jspecify.annotations.Nullable String database) {

		RetentionPreview.Target preview() {
			return new RetentionPreview.Target(target, decisions.stream().map(d -> {
				BackupView b = backups.get(d.id());
				return new RetentionPreview.Decision(d.id(), b.fileName(), d.createdAt().atOffset(ZoneOffset.UTC), d.keep(),
						d.reasons());
			}).toList(), database);
		}
	}

	public RetentionPreview preview(ScheduleRow row, Instant now) {
		return new RetentionPreview(row.id(), plan(row, now).stream().map(TargetPlan::preview).toList());
	}

	/** Deletes what no rule keeps; answers a summary for the run. A deletion that fails is reported, not fatal. */
	public String apply(ScheduleRow row) {
		if (!row.retention().deletes()) {
			return "no retention rule";
		}
		List<String> summary = new ArrayList<>();
		for (TargetPlan plan : plan(row, Instant.now())) {
			int kept = 0;
			List<String> deleted = new ArrayList<>();
			for (RetentionPlanner.Decision d : plan.decisions()) {
				if (d.keep()) {
					kept++;
					continue;
				}
				BackupView b = plan.backups().get(d.id());
				String rule = "not kept by " + describe(row.retention());
				try {
					backups.deleteCopyAsSystem(d.id(), plan.target(), "retention of schedule " + row.name() + ": " + rule);
					deleted.add(b.fileName());
					events.publishEvent(new ScheduleEvents.RetentionDeleted(row.id(), row.name(), row.connectionId(),
							d.id(), b.fileName(), plan.target(), rule));
				}
				catch (RuntimeException e) {
					log.warn("Retention of schedule {} could not delete backup {}: {}", row.id(), d.id(), e.getMessage());
					deleted.add(b.fileName() + " (delete failed: " + e.getMessage() + ")");
				}
			}
			summary.add(plan.target() + (plan.database() == null ? "" : "/" + plan.database()) + ": kept " + kept + ", deleted " + deleted.size()
					+ (deleted.isEmpty() ? "" : " (" + String.join(", ", deleted) + ")"));
		}
		return String.join("; ", summary);
	}

	static String describe(Retention r) {
		List<String> rules = new ArrayList<>();
		add(rules, "keep-last", r.keepLast());
		add(rules, "keep-days", r.keepDays());
		add(rules, "daily", r.gfsDays());
		add(rules, "weekly", r.gfsWeeks());
		add(rules, "monthly", r.gfsMonths());
		add(rules, "yearly", r.gfsYears());
		add(rules, "minimum", r.minimum());
		return String.join(", ", rules);
	}

	private static void add(List<String> rules, String name, @org.jspecify.annotations.Nullable Integer n) {
		if (n != null && n > 0) {
			rules.add(name + " " + n);
		}
	}
}

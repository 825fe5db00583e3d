package dev.steward.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.backup.BackupArtefacts;
import dev.steward.engine.HealthMetric;
import dev.steward.monitor.AlertEvents.RuleCreated;
import dev.steward.monitor.AlertEvents.RuleDeleted;
import dev.steward.monitor.AlertEvents.RuleUpdated;
import dev.steward.monitor.internal.AlertActions;
import dev.steward.monitor.internal.AlertRuleCache;
import dev.steward.monitor.internal.AlertRuleStore;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Alert rules: everyone signed in reads them, an ADMIN changes them (checked by the web layer before the body is
 * read); each change audited. Built-in rules can be edited and switched off, not deleted.
 */
@Service
public class AlertRules {

	/** At most this many rules: each one is evaluated on every sample. */
	public static final int MAX_RULES = 200;

	private final AlertRuleStore store;

	private final AlertRuleCache cache;

	private final ApplicationEventPublisher events;

	private final AlertActions actions;

	private final BackupArtefacts backups;

	AlertRules(AlertRuleStore store, AlertRuleCache cache, ApplicationEventPublisher events, AlertActions actions,
			BackupArtefacts backups) {
		this.actions = actions;
		this.backups = backups;
		this.store = store;
		this.cache = cache;
		this.events = events;
	}

	public List<AlertRuleView> list() {
		return store.all();
	}

	public AlertRuleView get(UUID id) {
		return store.find(id).orElseThrow(() -> new NotFound("alert rule", id));
	}

	/** Every metric a rule can watch: the sampled metrics, then the events, then the checks. */
	public List<String> metrics() {
		List<String> out = new ArrayList<>();
		for (HealthMetric m : HealthMetric.values()) {
			out.add(m.id());
		}
		for (AlertEventKind k : AlertEventKind.values()) {
			out.add(k.id());
		}
		for (AlertCheck c : AlertCheck.values()) {
			out.add(c.id());
		}
		return out;
	}

	@Transactional
	public AlertRuleView create(AlertRuleDraft draft) {
		validate(draft, null);
		if (store.all().size() >= MAX_RULES) {
			throw new Conflict("At most " + MAX_RULES + " alert rules");
		}
		Instant now = Instant.now();
		AlertRuleView rule = view(UUID.randomUUID(), draft, false, now, now);
		store.insert(rule);
		cache.invalidate();
		events.publishEvent(new RuleCreated(Actor.current(), rule.id(), rule.name()));
		return rule;
	}

	@Transactional
	public AlertRuleView update(UUID id, AlertRuleDraft draft) {
		AlertRuleView old = get(id);
		validate(draft, id);
		AlertRuleView rule = view(id, draft, old.builtIn(), old.createdAt(), Instant.now());
		store.update(rule);
		if (!rule.enabled() || !sameCondition(old, rule)) {
			actions.closeAll(old, rule.enabled() ? "the rule was changed" : "the rule was switched off", Instant.now());
		}
		cache.invalidate();
		events.publishEvent(new RuleUpdated(Actor.current(), id, rule.name()));
		return rule;
	}

	@Transactional
	public void delete(UUID id) {
		AlertRuleView old = get(id);
		if (old.builtIn()) {
			throw new Conflict("A built-in rule cannot be deleted; switch it off instead");
		}
		store.delete(id);
		cache.invalidate();
		events.publishEvent(new RuleDeleted(Actor.current(), id, old.name()));
	}

	/** The rule a draft would make (for the preview), validated like a saved one but for its name. */
	public AlertRuleView draftView(AlertRuleDraft draft) {
		validateCondition(draft);
		Instant now = Instant.now();
		return view(UUID.randomUUID(), draft, false, now, now);
	}

	private static boolean sameCondition(AlertRuleView a, AlertRuleView b) {
		return a.metric().equals(b.metric()) && a.comparison() == b.comparison() && a.threshold() == b.threshold()
				&& a.scope() == b.scope() && a.windowMinutes() == b.windowMinutes() && java.util.Objects.equals(a.scopeValue(), b.scopeValue());
	}

	private void validate(AlertRuleDraft d, @org.jspecify.annotations.Nullable UUID self) {
		validateCondition(d);
		if (store.nameTaken(d.name().strip(), self)) {
			throw new Conflict("An alert rule named '" + d.name().strip() + "' exists");
		}
	}

	private void validateCondition(AlertRuleDraft d) {
		AlertRuleKind kind = AlertRuleKind.of(d.metric())
			.orElseThrow(() -> new InvalidInput("metric", "unknown metric, event or check"));
		boolean targets = AlertCheck.byId(d.metric()).map(c -> c.subject() == AlertCheck.Subject.TARGET).orElse(false);
		if (targets != (d.scope() == AlertScope.TARGET) && d.scope() != AlertScope.ALL) {
			throw new InvalidInput("scope", targets ? "a storage-target check watches ALL targets or one TARGET"
					: "only the storage-target checks take the scope TARGET");
		}
		if (d.scope() == AlertScope.TARGET) {
			String key = d.scopeValue() == null ? "" : d.scopeValue().strip();
			if (!backups.storageTargets().contains(key)) {
				throw new InvalidInput("scopeValue", "must be the key of a storage target");
			}
		}
		if (kind != AlertRuleKind.CHECK && d.windowMinutes() != null) {
			throw new InvalidInput("windowMinutes", "only the job-failures check has a window");
		}
		if (!Double.isFinite(d.threshold()) || (d.hysteresis() != null
				&& (!Double.isFinite(d.hysteresis()) || d.hysteresis() < 0))) {
			throw new InvalidInput("threshold", "threshold and hysteresis must be finite, hysteresis not negative");
		}
		switch (d.scope()) {
			case ALL -> {
				if (d.scopeValue() != null && !d.scopeValue().isBlank()) {
					throw new InvalidInput("scopeValue", "must be empty for scope ALL");
				}
			}
			case CONNECTION -> {
				try {
					UUID.fromString(d.scopeValue() == null ? "" : d.scopeValue().strip());
				}
				catch (IllegalArgumentException e) {
					throw new InvalidInput("scopeValue", "must be a connection id");
				}
			}
			case TARGET -> {
				// checked above against the targets that exist
			}
			case TAG -> {
				if (d.scopeValue() == null || d.scopeValue().isBlank() || !d.scopeValue().matches("[\\p{L}\\p{N} ._:-]{1,50}")) {
					throw new InvalidInput("scopeValue", "must be a tag (letters, digits, space, . _ : -)");
				}
			}
		}
	}

	private static AlertRuleView view(UUID id, AlertRuleDraft d, boolean builtIn, Instant created, Instant updated) {
		double hysteresis = d.hysteresis() != null ? d.hysteresis() : Math.abs(d.threshold()) * 0.05;
		List<UUID> channels = d.channelIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.channelIds()));
		String scopeValue = d.scope() == AlertScope.ALL || d.scopeValue() == null ? null
				: d.scope() == AlertScope.CONNECTION ? UUID.fromString(d.scopeValue().strip()).toString()
						: d.scopeValue().strip();
		AlertRuleKind kind = AlertRuleKind.of(d.metric()).orElseThrow();
		int window = d.windowMinutes() == null ? 60 : d.windowMinutes();
		return new AlertRuleView(id, d.name().strip(), d.metric(), kind, d.comparison(), d.threshold(), hysteresis,
				kind == AlertRuleKind.EVENT ? 0 : d.forSeconds(), d.level(), d.scope(), scopeValue, channels,
				d.renotifyMinutes(), window, d.enabled(), builtIn, created, updated);
	}
}

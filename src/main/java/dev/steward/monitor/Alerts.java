package dev.steward.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.connection.ConnectionFilter;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ConnectionProfile;
import dev.steward.connection.ConnectionProfiles;
import dev.steward.monitor.AlertEvents.AlertChanged;
import dev.steward.monitor.AlertEvents.AlertTransition;
import dev.steward.monitor.internal.AlertEvaluator;
import dev.steward.monitor.internal.AlertSimulation;
import dev.steward.monitor.internal.AlertStore;
import dev.steward.monitor.internal.CheckReadings;
import dev.steward.monitor.internal.SampleStore;
import dev.steward.monitor.internal.SampleStore.Bucket;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/**
 * Alerts as people see and handle them: the list (open and history) of the connections the caller may see, acknowledge
 * with a comment, silence for a while (both audited), and the rule editor's preview over the last 24 hours.
 */
@Service
public class Alerts {

	/** The preview replays at most this many connections. */
	public static final int PREVIEW_CONNECTIONS = 20;

	public static final Duration MAX_SILENCE = Duration.ofDays(30);

	private final AlertStore store;

	private final AlertRules rules;

	private final ConnectionLookup lookup;

	private final ConnectionProfiles profiles;

	private final SampleStore samples;

	private final ApplicationEventPublisher events;

	private final CheckReadings checks;

	Alerts(AlertStore store, AlertRules rules, ConnectionLookup lookup, ConnectionProfiles profiles,
			SampleStore samples, ApplicationEventPublisher events, CheckReadings checks) {
		this.checks = checks;
		this.store = store;
		this.rules = rules;
		this.lookup = lookup;
		this.profiles = profiles;
		this.samples = samples;
		this.events = events;
	}

	/** A page of alerts of the visible connections, newest change first. */
	public PageResult<AlertView> list(AlertFilter filter, int page, int size) {
		if (page < 0 || page > 100_000 || size < 1 || size > 200) {
			throw new InvalidInput("size", "page 0 to 100000, size 1 to 200");
		}
		Set<UUID> visible = lookup.visibleIds();
		long total = store.count(visible, filter);
		return PageResult.of(store.page(visible, filter, page * size, size), page, size, total);
	}

	public AlertView get(UUID id) {
		AlertView a = store.find(id).orElseThrow(() -> new NotFound("alert", id));
		if (a.connectionId() != null && !lookup.visibleIds().contains(a.connectionId())) {
			throw new NotFound("alert", id);
		}
		return a;
	}

	/** Firing alerts per connection (the overview's count). */
	public Map<UUID, Integer> firingCounts() {
		return store.firingCounts();
	}

	@Transactional
	public AlertView acknowledge(UUID id, @Nullable String comment) {
		get(id);
		Actor actor = Actor.current();
		Instant now = Instant.now();
		if (!store.acknowledge(id, actor.username(), comment == null || comment.isBlank() ? null : comment.strip(), now)) {
			throw new Conflict("The alert is resolved");
		}
		return changed(id, actor, "alert.ack", comment == null || comment.isBlank() ? null : "\"" + comment.strip() + "\"", now);
	}

	@Transactional
	public AlertView silence(UUID id, int minutes) {
		get(id);
		if (minutes < 1 || minutes > MAX_SILENCE.toMinutes()) {
			throw new InvalidInput("minutes", "must be 1 to " + MAX_SILENCE.toMinutes());
		}
		Actor actor = Actor.current();
		Instant now = Instant.now();
		Instant until = now.plus(Duration.ofMinutes(minutes));
		if (!store.silence(id, actor.username(), until, now)) {
			throw new Conflict("The alert is resolved");
		}
		return changed(id, actor, "alert.silence", "silenced until " + until, now);
	}

	private AlertView changed(UUID id, Actor actor, String action, @Nullable String note, Instant now) {
		AlertView a = store.find(id).orElseThrow(() -> new NotFound("alert", id));
		events.publishEvent(new AlertTransition(actor, action, a, note, now));
		events.publishEvent(new AlertChanged(a));
		return a;
	}

	/**
	 * Replays a draft rule over the last 24 hours of stored samples of the visible connections in its scope (or the
	 * one named), at most {@link #PREVIEW_CONNECTIONS} of them.
	 */
	public AlertPreview preview(AlertRuleDraft draft, @Nullable UUID connectionId) {
		AlertRuleView rule = rules.draftView(draft);
		Instant to = Instant.now();
		Instant from = to.minus(Duration.ofHours(24));
		if (rule.eventBased()) {
			return new AlertPreview(rule.metric(), false, from, to, 0, List.of(),
					"Event rules fire on the event itself; there is nothing to replay.");
		}
		if (rule.checkBased()) {
			return previewCheck(rule, connectionId, to);
		}
		List<ConnectionProfile> scope = profiles.list(ConnectionFilter.none()).stream()
			.filter(p -> connectionId == null || p.id().equals(connectionId))
			.filter(p -> AlertEvaluator.inScope(rule, p.id(), p.tags()))
			.toList();
		if (connectionId != null && scope.isEmpty()) {
			lookup.resolve(connectionId); // 404 when not visible
		}
		List<AlertPreview.ConnectionPreview> out = new ArrayList<>();
		int fires = 0;
		for (ConnectionProfile p : scope.subList(0, Math.min(scope.size(), PREVIEW_CONNECTIONS))) {
			List<Bucket> values = samples.read(Resolution.RAW, p.id(), rule.metric(), from, to);
			if (values.isEmpty()) {
				values = samples.read(Resolution.MINUTE, p.id(), rule.metric(), from, to);
			}
			AlertSimulation.Result r = AlertSimulation.run(AlertEvaluator.condition(rule), values);
			fires += r.fires();
			out.add(new AlertPreview.ConnectionPreview(p.id(), p.name(), r.samples(), r.fires(), r.firstFiredAt(),
					r.firingSeconds(), null));
		}
		String note = scope.size() > PREVIEW_CONNECTIONS
				? "Replayed the first " + PREVIEW_CONNECTIONS + " of " + scope.size() + " connections in scope." : null;
		return new AlertPreview(rule.metric(), true, from, to, fires, out, note);
	}

	/**
	 * A check rule has no history to replay: its value now, per visible subject in scope, and whether it is past
	 * the threshold now (it would then fire at once, or after its duration).
	 */
	private AlertPreview previewCheck(AlertRuleView rule, @Nullable UUID connectionId, Instant now) {
		Set<UUID> visible = lookup.visibleIds();
		if (connectionId != null && !visible.contains(connectionId)) {
			lookup.resolve(connectionId); // 404
		}
		List<AlertPreview.ConnectionPreview> out = new ArrayList<>();
		int fires = 0;
		for (CheckReadings.Reading r : checks.read(rule, now,
				id -> visible.contains(id) && (connectionId == null || connectionId.equals(id)))) {
			boolean past = rule.comparison().breached(r.value(), rule.threshold());
			fires += past ? 1 : 0;
			if (out.size() < PREVIEW_CONNECTIONS) {
				out.add(new AlertPreview.ConnectionPreview(r.connectionId(), r.name(), 1, past ? 1 : 0,
						past ? now : null, 0, r.value()));
			}
		}
		return new AlertPreview(rule.metric(), true, now, now, fires, out,
				"A check looks at the state now: " + fires + (fires == 1 ? " subject is" : " subjects are")
						+ " past the threshold. Subjects without a value (no TLS, S3 targets) are left out.");
	}
}

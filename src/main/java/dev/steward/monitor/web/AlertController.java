package dev.steward.monitor.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.monitor.AlertFilter;
import dev.steward.monitor.AlertLevel;
import dev.steward.monitor.AlertPreview;
import dev.steward.monitor.AlertRuleDraft;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertRules;
import dev.steward.monitor.AlertState;
import dev.steward.monitor.AlertView;
import dev.steward.monitor.Alerts;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;
import dev.steward.shared.SafeText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Alerts")
class AlertController {

	record AckBody(@Nullable @Size(max = 1000) @SafeText String comment) {
	}

	record SilenceBody(@NotNull @Min(1) @Max(43_200) Integer minutes) {
	}

	record PreviewBody(@NotNull @Valid AlertRuleDraft rule, @Nullable UUID connectionId) {
	}

	private final AlertRules rules;

	private final Alerts alerts;

	AlertController(AlertRules rules, Alerts alerts) {
		this.rules = rules;
		this.alerts = alerts;
	}

	@GetMapping("/api/alert-rules")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Every alert rule (built-in and own)")
	List<AlertRuleView> listRules() {
		return rules.list();
	}

	@GetMapping("/api/alert-rules/metrics")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "What a rule can watch: the sampled metric ids, then the event ids (backup_failed, test_restore_failed)")
	List<String> ruleMetrics() {
		return rules.metrics();
	}

	@GetMapping("/api/alert-rules/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "One alert rule")
	AlertRuleView getRule(@PathVariable UUID id) {
		return rules.get(id);
	}

	@PostMapping("/api/alert-rules")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Create an alert rule; ADMIN; audited as alert.rule.create")
	ResponseEntity<AlertRuleView> createRule(@Valid @RequestBody AlertRuleDraft body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(rules.create(body));
	}

	@PutMapping("/api/alert-rules/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replace an alert rule; ADMIN; audited as alert.rule.update")
	AlertRuleView updateRule(@PathVariable UUID id, @Valid @RequestBody AlertRuleDraft body) {
		return rules.update(id, body);
	}

	@DeleteMapping("/api/alert-rules/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Delete an alert rule (built-in rules can only be switched off); ADMIN; audited")
	ResponseEntity<Void> deleteRule(@PathVariable UUID id) {
		rules.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/alert-rules/preview")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replay a draft rule over the last 24 h of stored samples: how often it would have fired")
	AlertPreview preview(@Valid @RequestBody PreviewBody body) {
		return alerts.preview(body.rule(), body.connectionId());
	}

	@GetMapping("/api/alerts")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Alerts of the visible connections, newest change first; state (comma-separated PENDING, "
			+ "FIRING, RESOLVED), level, connection and acknowledged filters")
	PageResult<AlertView> listAlerts(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable AlertLevel level,
			@RequestParam(required = false) @Nullable UUID connection,
			@RequestParam(required = false) @Nullable Boolean acknowledged, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return alerts.list(new AlertFilter(states(state), level, connection, acknowledged), page, size);
	}

	@GetMapping("/api/alerts/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "One alert")
	AlertView getAlert(@PathVariable UUID id) {
		return alerts.get(id);
	}

	@PostMapping("/api/alerts/{id}/ack")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Acknowledge an open alert with an optional comment (stops its repeats); audited as alert.ack")
	AlertView acknowledge(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable AckBody body) {
		return alerts.acknowledge(id, body == null ? null : body.comment());
	}

	@PostMapping("/api/alerts/{id}/silence")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	@Operation(summary = "Silence an open alert's notifications for 1 to 43,200 minutes; audited as alert.silence")
	AlertView silence(@PathVariable UUID id, @Valid @RequestBody SilenceBody body) {
		return alerts.silence(id, body.minutes());
	}

	private static @Nullable List<AlertState> states(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > 100) {
			throw new InvalidInput("state", "too long");
		}
		List<AlertState> out = new ArrayList<>();
		for (String s : value.split(",")) {
			try {
				out.add(AlertState.valueOf(s.strip()));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInput("state", "PENDING, FIRING or RESOLVED");
			}
		}
		return out;
	}
}

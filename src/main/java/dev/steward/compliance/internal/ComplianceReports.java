package dev.steward.compliance.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.compliance.CheckResult;
import dev.steward.compliance.ComplianceEvents;
import dev.steward.compliance.ComplianceReport;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/** Runs the checks, and stores, lists and renders dated reports. Callers are administrators (the controller checks). */
@Service
public class ComplianceReports {

	private final FactGatherer facts;

	private final ComplianceChecks checks;

	private final ReportStore store;

	private final ApplicationEventPublisher events;

	ComplianceReports(FactGatherer facts, ComplianceProperties properties, ReportStore store,
			ApplicationEventPublisher events) {
		this.facts = facts;
		this.checks = new ComplianceChecks(properties);
		this.store = store;
		this.events = events;
	}

	/** The checks now, not stored. */
	public ComplianceReport runNow() {
		List<CheckResult> results = checks.run(facts.gather());
		return new ComplianceReport(null, Instant.now().truncatedTo(ChronoUnit.MILLIS), CurrentUser.require().username(),
				ComplianceReport.ReportSummary.of(results), results, null);
	}

	/** Runs the checks and stores the dated report; the SHA-256 of its content goes into the audit trail. */
	@Transactional
	public ComplianceReport create() {
		List<CheckResult> results = checks.run(facts.gather());
		ComplianceReport report = store.insert(Instant.now().truncatedTo(ChronoUnit.MILLIS),
				CurrentUser.require().username(), results);
		events.publishEvent(new ComplianceEvents.ReportCreated(Actor.current(), report.id(), report.contentSha256(),
				report.summary().passed(), report.summary().warned(), report.summary().failed(), report.generatedAt()));
		return report;
	}

	@Transactional(readOnly = true)
	public PageResult<ComplianceReport.ReportEntry> history(int page, int size) {
		return store.page(page, size);
	}

	@Transactional(readOnly = true)
	public ComplianceReport get(UUID id) {
		return store.find(id).orElseThrow(() -> new NotFound("compliance report", id));
	}

	public String html(UUID id) {
		return ReportHtml.render(get(id));
	}

	public byte[] pdf(UUID id) {
		return ReportPdf.render(get(id));
	}
}

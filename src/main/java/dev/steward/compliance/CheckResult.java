package dev.steward.compliance;

import java.util.List;

/**
 * One check of the compliance report.
 *
 * @param id       stable identifier, e.g. {@code backup-schedules}
 * @param title    what is checked, for people
 * @param status   the verdict
 * @param evidence what the verdict rests on (counts, the names concerned)
 * @param fix      what to do about a WARN or FAIL; empty on a PASS
 */
public record CheckResult(String id, String title, CheckStatus status, List<String> evidence, String fix) {

	public CheckResult {
		evidence = List.copyOf(evidence);
	}
}

package dev.steward.compliance.internal;

import static dev.steward.compliance.CheckStatus.FAIL;
import static dev.steward.compliance.CheckStatus.NOT_AVAILABLE;
import static dev.steward.compliance.CheckStatus.WARN;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.steward.compliance.CheckResult;
import dev.steward.compliance.CheckStatus;
import dev.steward.security.Role;
import dev.steward.security.SecurityPosture.TokenFacts;
import dev.steward.security.SecurityPosture.UserFacts;

/** The checks, as pure functions of {@link Facts}; one method each, in report order. */
final class ComplianceChecks {

	/** Names listed in a check's evidence at most; the rest are counted. */
	static final int MAX_NAMES = 20;

	private final ComplianceProperties props;

	ComplianceChecks(ComplianceProperties props) {
		this.props = props;
	}

	List<CheckResult> run(Facts f) {
		return List.of(backupSchedules(f), backupRpo(f), backupEncryption(f), testRestore(f), auditChain(f),
				auditRetention(f), targetTls(f), superuserLogins(), inactiveUsers(f), apiTokens(f), adminCount(f),
				twoFactor(f), allowlist());
	}

	private List<Facts.Connection> active(Facts f) {
		return f.connections().stream().filter(Facts.Connection::active).toList();
	}

	CheckResult backupSchedules(Facts f) {
		Set<UUID> scheduled = f.schedules().stream().filter(Facts.Schedule::enabled).map(Facts.Schedule::connectionId)
			.collect(Collectors.toSet());
		List<String> missing = active(f).stream().filter(c -> !scheduled.contains(c.id())).map(Facts.Connection::name)
			.toList();
		String title = "Every connection has an enabled backup schedule";
		if (missing.isEmpty()) {
			return pass("backup-schedules", title, active(f).size() + " active connection(s), each with an enabled schedule");
		}
		return new CheckResult("backup-schedules", title, FAIL,
				evidence(missing.size() + " of " + active(f).size() + " active connection(s) without an enabled schedule",
						missing),
				"Create (or enable) a backup schedule for each listed connection under Backups \u2192 Schedules.");
	}

	CheckResult backupRpo(Facts f) {
		Instant limit = f.now().minus(props.rpo());
		List<String> stale = new ArrayList<>();
		for (Facts.Connection c : active(f)) {
			Facts.Backup b = f.newestBackups().get(c.id());
			if (b == null) {
				stale.add(c.name() + " (no successful backup)");
			}
			else if (b.finishedAt().isBefore(limit)) {
				stale.add(c.name() + " (last " + b.finishedAt() + ")");
			}
		}
		String title = "The last successful backup is younger than the RPO (" + human(props.rpo()) + ")";
		if (stale.isEmpty()) {
			return pass("backup-rpo", title, active(f).size() + " active connection(s) backed up within the RPO");
		}
		return new CheckResult("backup-rpo", title, FAIL,
				evidence(stale.size() + " connection(s) outside the RPO", stale),
				"Run a backup now and check why the schedule did not produce one (Backups, Jobs); adjust "
						+ "steward.compliance.rpo if the policy differs.");
	}

	CheckResult backupEncryption(Facts f) {
		List<String> plain = new ArrayList<>();
		f.schedules().stream().filter(s -> s.enabled() && !s.encrypted()).forEach(s -> plain.add("schedule " + s.name()));
		for (Facts.Connection c : active(f)) {
			Facts.Backup b = f.newestBackups().get(c.id());
			if (b != null && !b.encrypted()) {
				plain.add("newest backup of " + c.name());
			}
		}
		String title = "Backups are encrypted";
		if (plain.isEmpty()) {
			return pass("backup-encryption", title, "every enabled schedule encrypts; every newest backup is encrypted");
		}
		return new CheckResult("backup-encryption", title, FAIL, evidence(plain.size() + " unencrypted", plain),
				"Turn on encryption in each listed schedule (and keep the backup key safe: Backups \u2192 Key).");
	}

	CheckResult testRestore(Facts f) {
		Instant limit = f.now().minus(props.testRestoreWithin());
		Set<UUID> restored = f.schedules().stream()
			.filter(s -> s.testRestorePassedAt() != null && !s.testRestorePassedAt().isBefore(limit))
			.map(Facts.Schedule::connectionId).collect(Collectors.toSet());
		List<String> missing = active(f).stream().filter(c -> !restored.contains(c.id())).map(Facts.Connection::name)
			.toList();
		String title = "A test restore succeeded in the last " + human(props.testRestoreWithin());
		if (!active(f).isEmpty() && missing.isEmpty()) {
			return pass("test-restore", title, restored.size() + " connection(s) with a passing test restore");
		}
		if (active(f).isEmpty()) {
			return pass("test-restore", title, "no active connections");
		}
		return new CheckResult("test-restore", title, FAIL,
				evidence(missing.size() + " connection(s) without a recent passing test restore", missing),
				"Set a test-restore cadence on each connection's schedule, or verify a backup with a test restore.");
	}

	CheckResult auditChain(Facts f) {
		String title = "The audit chain verifies";
		if (f.chain().intact()) {
			return pass("audit-chain", title, f.chain().checked() + " record(s) re-computed; the chain is intact");
		}
		return new CheckResult("audit-chain", title, FAIL,
				List.of("broken at record " + f.chain().brokenAtSeq() + ": " + f.chain().reason()),
				"Treat as a security incident: compare with exported copies and the archive, and find who could write "
						+ "the metadata store.");
	}

	CheckResult auditRetention(Facts f) {
		String title = "Audit retention is set";
		if (f.retentionDays().isPresent()) {
			return pass("audit-retention", title, "records older than " + f.retentionDays().getAsInt()
					+ " days are sealed into the archive");
		}
		return new CheckResult("audit-retention", title, WARN, List.of("every record stays in the live table"),
				"Set steward.audit.retention-days (e.g. 90), or the retention in the security settings.");
	}

	CheckResult targetTls(Facts f) {
		List<String> plain = new ArrayList<>();
		List<String> unchecked = new ArrayList<>();
		for (Facts.Connection c : active(f)) {
			if (c.local() || c.tunnel() || c.tls().startsWith("VERIFY")) {
				continue;
			}
			(c.tls().equals("REQUIRE") ? unchecked : plain).add(c.name());
		}
		String title = "Target connections use TLS (or are local)";
		if (!plain.isEmpty()) {
			return new CheckResult("target-tls", title, FAIL, evidence(plain.size() + " connection(s) in plain text", plain),
					"Set the SSL mode to verify-full (or reach the server through an SSH tunnel).");
		}
		if (!unchecked.isEmpty()) {
			return new CheckResult("target-tls", title, WARN,
					evidence(unchecked.size() + " connection(s) encrypted without checking the certificate", unchecked),
					"Set the SSL mode to verify-ca or verify-full and give the CA certificate.");
		}
		return pass("target-tls", title, active(f).size() + " active connection(s): TLS verified, local or tunnelled");
	}

	CheckResult superuserLogins() {
		return new CheckResult("target-superuser", "Connections do not log in as a superuser", NOT_AVAILABLE,
				List.of("no engine reports the privileges of the login role yet"),
				"Check by hand that each connection's user is not a superuser (PostgreSQL rolsuper, MySQL SUPER).");
	}

	CheckResult inactiveUsers(Facts f) {
		Instant limit = f.now().minus(props.inactiveAfter());
		List<String> idle = f.users().stream().filter(UserFacts::enabled).filter(u -> {
			Instant last = f.lastLogins().get(u.username());
			return last == null ? u.createdAt().isBefore(limit) : last.isBefore(limit);
		}).map(UserFacts::username).toList();
		String title = "No enabled account has gone " + human(props.inactiveAfter()) + " without a login";
		if (idle.isEmpty()) {
			return pass("inactive-users", title, "every enabled account logged in recently (or is new)");
		}
		return new CheckResult("inactive-users", title, WARN,
				evidence(idle.size() + " enabled account(s) without a recent login (per the live audit records)", idle),
				"Disable the accounts no longer needed (Administration \u2192 Users).");
	}

	CheckResult apiTokens(Facts f) {
		Instant limit = f.now().minus(props.inactiveAfter());
		List<String> flagged = new ArrayList<>();
		for (TokenFacts t : f.tokens()) {
			Instant used = t.lastUsedAt() != null ? t.lastUsedAt() : t.createdAt();
			if (t.expiresAt() == null) {
				flagged.add(t.username() + "/" + t.name() + " (no expiry)");
			}
			else if (used.isBefore(limit)) {
				flagged.add(t.username() + "/" + t.name() + " (unused since " + used + ")");
			}
		}
		String title = "API tokens expire and are in use";
		if (flagged.isEmpty()) {
			return pass("api-tokens", title, f.tokens().size() + " live token(s), each with an expiry and used recently");
		}
		return new CheckResult("api-tokens", title, WARN, evidence(flagged.size() + " token(s) to review", flagged),
				"Revoke unused tokens and re-issue the others with an expiry (Profile \u2192 API tokens).");
	}

	CheckResult adminCount(Facts f) {
		List<String> admins = f.users().stream().filter(u -> u.enabled() && u.role() == Role.ADMIN)
			.map(UserFacts::username).toList();
		String title = "Number of administrators (2 to " + props.maxAdmins() + ")";
		if (admins.isEmpty()) {
			return new CheckResult("admin-count", title, FAIL, List.of("no enabled administrator"),
					"Enable or create an administrator.");
		}
		if (admins.size() == 1 || admins.size() > props.maxAdmins()) {
			return new CheckResult("admin-count", title, WARN, evidence(admins.size() + " enabled administrator(s)", admins),
					admins.size() == 1 ? "Name a second administrator, so access does not hang on one account."
							: "Give the accounts that do not administer users a lower role.");
		}
		return pass("admin-count", title, admins.size() + " enabled administrators");
	}

	/** Local (password) accounts only: single sign-on accounts rely on their identity provider's second factor. */
	CheckResult twoFactor(Facts f) {
		List<UserFacts> enabledAll = f.users().stream().filter(UserFacts::enabled).toList();
		List<UserFacts> enabled = enabledAll.stream().filter(UserFacts::local).toList();
		List<String> adminsWithout = enabled.stream().filter(u -> u.role() == Role.ADMIN && !u.twoFactor())
			.map(UserFacts::username).toList();
		List<String> without = enabled.stream().filter(u -> !u.twoFactor()).map(UserFacts::username).toList();
		long with = enabled.size() - without.size();
		long sso = enabledAll.size() - enabled.size();
		String title = "Two-factor coverage";
		String coverage = with + " of " + enabled.size() + " enabled local account(s) use two-factor"
				+ (sso == 0 ? "" : " (" + sso + " single sign-on account(s) rely on their identity provider)");
		if (!adminsWithout.isEmpty()) {
			return new CheckResult("two-factor", title, FAIL, evidence(coverage + "; administrators without it",
					adminsWithout), "Administrators enrol two-factor on their Profile; enforce it for the ADMIN role.");
		}
		if (!without.isEmpty()) {
			return new CheckResult("two-factor", title, WARN, evidence(coverage, without),
					"Ask these users to enrol two-factor on their Profile, or enforce it for their role.");
		}
		return pass("two-factor", title, coverage);
	}

	CheckResult allowlist() {
		return new CheckResult("ip-allowlist", "An IP allowlist is configured", NOT_AVAILABLE,
				List.of("IP allowlists are not part of this Steward yet"), "Restrict access at the reverse proxy meanwhile.");
	}

	private static CheckResult pass(String id, String title, String evidence) {
		return new CheckResult(id, title, CheckStatus.PASS, List.of(evidence), "");
	}

	/** A summary line, then the names (at most {@link #MAX_NAMES}, the rest counted). */
	static List<String> evidence(String summary, List<String> names) {
		List<String> lines = new ArrayList<>();
		lines.add(summary);
		names.stream().limit(MAX_NAMES).forEach(lines::add);
		if (names.size() > MAX_NAMES) {
			lines.add("\u2026 and " + (names.size() - MAX_NAMES) + " more");
		}
		return lines;
	}

	static String human(Duration d) {
		if (d.toHours() % 24 == 0 && d.toDays() > 0) {
			return d.toDays() + " day" + (d.toDays() == 1 ? "" : "s");
		}
		if (d.toMinutes() % 60 == 0 && d.toHours() > 0) {
			return d.toHours() + " hour" + (d.toHours() == 1 ? "" : "s");
		}
		return d.toMinutes() + " minutes";
	}
}

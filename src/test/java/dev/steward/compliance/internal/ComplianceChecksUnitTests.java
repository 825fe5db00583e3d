package dev.steward.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.steward.audit.AuditTrail.ChainStatus;
import dev.steward.compliance.CheckResult;
import dev.steward.compliance.CheckStatus;
import dev.steward.security.Role;
import dev.steward.security.SecurityPosture.TokenFacts;
import dev.steward.security.SecurityPosture.UserFacts;

/** Each check's pass and fail (or warn) path on crafted facts. */
class ComplianceChecksUnitTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	final ComplianceChecks checks = new ComplianceChecks(
			new ComplianceProperties(Duration.ofHours(24), Duration.ofDays(30), Duration.ofDays(90), 5));

	final UUID db1 = UUID.randomUUID();

	final UUID db2 = UUID.randomUUID();

	/** A healthy state, which each test spoils in one way. */
	final class State {

		List<Facts.Connection> connections = new ArrayList<>(List.of(
				new Facts.Connection(db1, "orders", true, false, false, "VERIFY_FULL"),
				new Facts.Connection(db2, "local-sqlite", true, true, false, "DISABLE")));

		List<Facts.Schedule> schedules = new ArrayList<>(List.of(
				new Facts.Schedule(db1, "orders nightly", true, true, NOW.minus(Duration.ofDays(3))),
				new Facts.Schedule(db2, "sqlite nightly", true, true, NOW.minus(Duration.ofDays(1)))));

		Map<UUID, Facts.Backup> backups = new HashMap<>(Map.of(db1, new Facts.Backup(NOW.minusSeconds(3600), true), db2,
				new Facts.Backup(NOW.minusSeconds(7200), true)));

		ChainStatus chain = new ChainStatus(true, 1234, null, null);

		OptionalInt retention = OptionalInt.of(90);

		List<UserFacts> users = new ArrayList<>(List.of(user("admin", Role.ADMIN, true), user("root2", Role.ADMIN, true),
				user("viewer", Role.VIEWER, true)));

		Map<String, Instant> logins = new HashMap<>(Map.of("admin", NOW.minusSeconds(60), "root2",
				NOW.minus(Duration.ofDays(10)), "viewer", NOW.minus(Duration.ofDays(89))));

		List<TokenFacts> tokens = new ArrayList<>(List.of(new TokenFacts(UUID.randomUUID(), "admin", "ci",
				NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)))));

		Facts facts() {
			return new Facts(NOW, connections, schedules, backups, chain, retention, users, logins, tokens);
		}

		CheckResult check(String id) {
			return checks.run(facts()).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
		}
	}

	static UserFacts user(String name, Role role, boolean twoFactor) {
		return new UserFacts(UUID.randomUUID(), name, role, true, NOW.minus(Duration.ofDays(365)), twoFactor, true);
	}

	/** A single sign-on account: no password, its provider's second factor. */
	static UserFacts ssoUser(String name, Role role) {
		return new UserFacts(UUID.randomUUID(), name, role, true, NOW.minus(Duration.ofDays(365)), false, false);
	}

	@Test
	void aHealthyStatePassesEveryCheckThatIsAvailable() {
		List<CheckResult> results = checks.run(new State().facts());
		assertThat(results).extracting(CheckResult::id).containsExactly("backup-schedules", "backup-rpo",
				"backup-encryption", "test-restore", "audit-chain", "audit-retention", "target-tls", "target-superuser",
				"inactive-users", "api-tokens", "admin-count", "two-factor", "ip-allowlist");
		assertThat(results).allSatisfy(r -> {
			if (r.id().equals("target-superuser") || r.id().equals("ip-allowlist")) {
				assertThat(r.status()).isEqualTo(CheckStatus.NOT_AVAILABLE);
			}
			else {
				assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
				assertThat(r.fix()).isEmpty();
			}
			assertThat(r.evidence()).isNotEmpty();
		});
	}

	@Test
	void aConnectionWithoutAnEnabledScheduleFails() {
		State s = new State();
		s.schedules.set(1, new Facts.Schedule(db2, "sqlite nightly", false, true, NOW));
		CheckResult r = s.check("backup-schedules");
		assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(r.evidence()).contains("local-sqlite").doesNotContain("orders");
		assertThat(r.fix()).isNotBlank();
		// a switched-off connection needs no schedule
		s.connections.set(1, new Facts.Connection(db2, "local-sqlite", false, true, false, "DISABLE"));
		assertThat(s.check("backup-schedules").status()).isEqualTo(CheckStatus.PASS);
	}

	@Test
	void aBackupOlderThanTheRpoOrNoneFails() {
		State s = new State();
		s.backups.put(db1, new Facts.Backup(NOW.minus(Duration.ofHours(25)), true));
		CheckResult r = s.check("backup-rpo");
		assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(r.evidence()).anySatisfy(e -> assertThat(e).startsWith("orders (last "));
		s.backups.remove(db1);
		assertThat(s.check("backup-rpo").evidence()).contains("orders (no successful backup)");
		s.backups.put(db1, new Facts.Backup(NOW.minus(Duration.ofHours(23)), true));
		assertThat(s.check("backup-rpo").status()).isEqualTo(CheckStatus.PASS);
	}

	@Test
	void anUnencryptedScheduleOrBackupFails() {
		State s = new State();
		s.schedules.set(0, new Facts.Schedule(db1, "orders nightly", true, false, NOW));
		CheckResult r = s.check("backup-encryption");
		assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(r.evidence()).contains("schedule orders nightly");
		s = new State();
		s.backups.put(db2, new Facts.Backup(NOW, false));
		assertThat(s.check("backup-encryption").evidence()).contains("newest backup of local-sqlite");
	}

	@Test
	void noRecentPassingTestRestoreFails() {
		State s = new State();
		s.schedules.set(0, new Facts.Schedule(db1, "orders nightly", true, true, NOW.minus(Duration.ofDays(31))));
		CheckResult r = s.check("test-restore");
		assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(r.evidence()).contains("orders");
		s.schedules.set(0, new Facts.Schedule(db1, "orders nightly", true, true, null));
		assertThat(s.check("test-restore").status()).isEqualTo(CheckStatus.FAIL);
	}

	@Test
	void aBrokenChainFailsWithItsReason() {
		State s = new State();
		s.chain = new ChainStatus(false, 41, 42L, "hash mismatch: the record's fields do not produce its stored hash");
		CheckResult r = s.check("audit-chain");
		assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(r.evidence()).singleElement().asString().contains("record 42").contains("hash mismatch");
	}

	@Test
	void noRetentionWarns() {
		State s = new State();
		s.retention = OptionalInt.empty();
		assertThat(s.check("audit-retention").status()).isEqualTo(CheckStatus.WARN);
		assertThat(s.check("audit-retention").fix()).contains("steward.audit.retention-days");
	}

	@Test
	void plainTextTargetsFailAndUncheckedCertificatesWarn() {
		State s = new State();
		s.connections.add(new Facts.Connection(UUID.randomUUID(), "tunnelled", true, false, true, "DISABLE"));
		s.schedules.add(new Facts.Schedule(s.connections.getLast().id(), "t", true, true, NOW));
		assertThat(s.check("target-tls").status()).isEqualTo(CheckStatus.PASS);
		s.connections.add(new Facts.Connection(UUID.randomUUID(), "reporting", true, false, false, "REQUIRE"));
		assertThat(s.check("target-tls").status()).isEqualTo(CheckStatus.WARN);
		assertThat(s.check("target-tls").evidence()).contains("reporting");
		s.connections.add(new Facts.Connection(UUID.randomUUID(), "legacy", true, false, false, "DISABLE"));
		CheckResult r = s.check("target-tls");
		assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(r.evidence()).contains("legacy").doesNotContain("local-sqlite", "tunnelled");
	}

	@Test
	void accountsWithoutARecentLoginWarn() {
		State s = new State();
		s.logins.put("viewer", NOW.minus(Duration.ofDays(91)));
		CheckResult r = s.check("inactive-users");
		assertThat(r.status()).isEqualTo(CheckStatus.WARN);
		assertThat(r.evidence()).contains("viewer").doesNotContain("admin");
		// never logged in: old accounts count, new ones do not
		s.logins.remove("viewer");
		assertThat(s.check("inactive-users").evidence()).contains("viewer");
		s.users.set(2, new UserFacts(UUID.randomUUID(), "viewer", Role.VIEWER, true, NOW.minus(Duration.ofDays(2)), true,
				true));
		assertThat(s.check("inactive-users").status()).isEqualTo(CheckStatus.PASS);
	}

	@Test
	void tokensWithoutExpiryOrUnusedWarn() {
		State s = new State();
		s.tokens.add(new TokenFacts(UUID.randomUUID(), "viewer", "forever", NOW.minus(Duration.ofDays(1)), NOW, null));
		s.tokens.add(new TokenFacts(UUID.randomUUID(), "root2", "stale", NOW.minus(Duration.ofDays(120)), null,
				NOW.plus(Duration.ofDays(10))));
		CheckResult r = s.check("api-tokens");
		assertThat(r.status()).isEqualTo(CheckStatus.WARN);
		assertThat(r.evidence()).contains("viewer/forever (no expiry)")
			.anySatisfy(e -> assertThat(e).startsWith("root2/stale (unused since"))
			.noneSatisfy(e -> assertThat(e).startsWith("admin/ci"));
	}

	@Test
	void oneOrTooManyAdministratorsWarnAndNoneFails() {
		State s = new State();
		s.users.removeIf(u -> u.username().equals("root2"));
		assertThat(s.check("admin-count").status()).isEqualTo(CheckStatus.WARN);
		for (int i = 0; i < 6; i++) {
			s.users.add(user("extra" + i, Role.ADMIN, true));
		}
		assertThat(s.check("admin-count").status()).isEqualTo(CheckStatus.WARN);
		s.users.removeIf(u -> u.role() == Role.ADMIN);
		assertThat(s.check("admin-count").status()).isEqualTo(CheckStatus.FAIL);
	}

	@Test
	void twoFactorGapsWarnForUsersAndFailForAdministrators() {
		State s = new State();
		s.users.set(2, user("viewer", Role.VIEWER, false));
		CheckResult warn = s.check("two-factor");
		assertThat(warn.status()).isEqualTo(CheckStatus.WARN);
		assertThat(warn.evidence()).contains("2 of 3 enabled local account(s) use two-factor", "viewer");
		// single sign-on accounts rely on their provider: neither counted nor named, even an administrator
		s.users.set(2, user("viewer", Role.VIEWER, true));
		s.users.add(ssoUser("sso-admin", Role.ADMIN));
		s.users.add(ssoUser("sso-viewer", Role.VIEWER));
		CheckResult sso = s.check("two-factor");
		assertThat(sso.status()).isEqualTo(CheckStatus.PASS);
		assertThat(sso.evidence()).containsExactly("3 of 3 enabled local account(s) use two-factor (2 single sign-on "
				+ "account(s) rely on their identity provider)");
		s.users.set(2, user("viewer", Role.VIEWER, false));
		s.users.set(0, user("admin", Role.ADMIN, false));
		CheckResult fail = s.check("two-factor");
		assertThat(fail.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(fail.evidence()).contains("admin").doesNotContain("viewer");
	}

	@Test
	void longListsAreCutAndCounted() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			names.add("n" + i);
		}
		List<String> evidence = ComplianceChecks.evidence("25 things", names);
		assertThat(evidence).hasSize(1 + ComplianceChecks.MAX_NAMES + 1);
		assertThat(evidence.getLast()).contains("5 more");
	}

	@Test
	void loopbackIsRecognisedWithoutResolving() {
		assertThat(FactGatherer.isLoopback("localhost")).isTrue();
		assertThat(FactGatherer.isLoopback("127.0.0.1")).isTrue();
		assertThat(FactGatherer.isLoopback("[::1]")).isTrue();
		assertThat(FactGatherer.isLoopback("db.example.com")).isFalse();
		assertThat(FactGatherer.isLoopback("127.example.com")).isFalse(); // a name, never resolved, so not local
	}
}

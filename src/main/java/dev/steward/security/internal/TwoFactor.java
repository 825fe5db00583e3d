package dev.steward.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.security.UserEvents.RecoveryCodeUsed;
import dev.steward.security.UserEvents.TwoFactorChanged;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.KeyFiles;
import dev.steward.shared.NotFound;
import dev.steward.shared.SealedSecrets;
import dev.steward.shared.StewardProperties;

/**
 * TOTP two-factor sign-in for local accounts: enrolment (a secret shown once as a QR code, confirmed with a code),
 * recovery codes (shown once, stored as salted HMACs, each good once), verification at login with replay
 * protection (a code's time step must be newer than the last one accepted), and turning it off with the password.
 */
@Service
public class TwoFactor {

	static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	public record Status(boolean enabled, int recoveryCodesLeft) {
	}

	public record Enrolment(String secret, String otpauthUri) {
	}

	private final JdbcClient jdbc;

	private final SealedSecrets sealed;

	private final PasswordEncoder encoder;

	private final UserStore users;

	private final ApplicationEventPublisher events;

	private final SecureRandom random = new SecureRandom();

	TwoFactor(JdbcClient jdbc, StewardProperties steward, PasswordEncoder encoder, UserStore users,
			ApplicationEventPublisher events, @Value("${steward.connection.master-key:}") String masterKey) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.users = users;
		this.events = events;
		this.sealed = new SealedSecrets(KeyFiles.loadOrCreate(masterKey,
				"STEWARD_MASTER_KEY / steward.connection.master-key",
				steward.dataDir().resolve("keys").resolve("credentials.key"), "the credentials key"));
	}

	public Status status(UUID userId) {
		boolean enabled = enabled(userId);
		int left = enabled ? jdbc.sql("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL")
			.param(userId).query(Integer.class).single() : 0;
		return new Status(enabled, left);
	}

	/** Whether the user must give a second factor to log in. */
	public boolean enabled(UUID userId) {
		return jdbc.sql("SELECT COUNT(*) FROM user_two_factor WHERE user_id = ? AND confirmed_at IS NOT NULL")
			.param(userId).query(Integer.class).single() > 0;
	}

	/**
	 * Whether a session of this user reaches only the enrolment: their role must use two-factor sign-in, they have
	 * not enrolled, and theirs is a local (password) account. Single sign-on accounts rely on their identity
	 * provider's own second factor, so the enforcement never holds them.
	 */
	public boolean mustEnrol(SecuritySettings current, UUID userId, Role role) {
		return current.twoFactorRoles().contains(role) && !enabled(userId) && users.signsInWithPassword(userId);
	}

	/** Starts (or restarts) an enrolment: a new secret, not in force until {@link #confirm} sees a code from it. */
	@Transactional
	public Enrolment begin(CurrentUser me) {
		refuseTokens();
		if (enabled(me.id())) {
			throw new Conflict("Two-factor sign-in is already on; turn it off first to enrol another device");
		}
		byte[] secret = Totp.newSecret();
		jdbc.sql("DELETE FROM user_two_factor WHERE user_id = ?").param(me.id()).update();
		jdbc.sql("INSERT INTO user_two_factor (user_id, secret, created_at) VALUES (?, ?, ?)")
			.params(me.id(), sealed.seal(secret, context(me.id())), now())
			.update();
		String text = Totp.base32(secret);
		String label = java.net.URLEncoder.encode("Steward:" + me.username(), StandardCharsets.UTF_8).replace("+", "%20");
		return new Enrolment(text, "otpauth://totp/" + label + "?secret=" + text
				+ "&issuer=Steward&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
	}

	/** Confirms the enrolment with a code from the new device; returns the recovery codes, shown only now. */
	@Transactional
	public List<String> confirm(CurrentUser me, String code) {
		refuseTokens();
		Pending row = pending(me.id()).orElseThrow(() -> new Conflict("Start the enrolment first"));
		if (row.confirmed()) {
			throw new Conflict("Two-factor sign-in is already on");
		}
		OptionalLong step = Totp.matchingStep(sealed.open(row.secret(), context(me.id())), code, Instant.now());
		if (step.isEmpty()) {
			throw new InvalidInput("code", "is not the code your authenticator shows now");
		}
		jdbc.sql("UPDATE user_two_factor SET confirmed_at = ?, last_step = ? WHERE user_id = ?")
			.params(now(), step.getAsLong(), me.id())
			.update();
		List<String> codes = newRecoveryCodes(me.id());
		events.publishEvent(new TwoFactorChanged(Actor.current(), me.id().toString(), true, Instant.now()));
		return codes;
	}

	/** Turns two-factor off; the password is asked again so that an unattended session cannot do it. */
	@Transactional
	public void disable(CurrentUser me, String password) {
		refuseTokens();
		UserStore.UserRow user = users.findById(me.id()).orElseThrow(() -> new NotFound("User", me.id()));
		if (!encoder.matches(password, user.passwordHash())) {
			throw new InvalidInput("password", "is not your password");
		}
		int removed = jdbc.sql("DELETE FROM user_two_factor WHERE user_id = ?").param(me.id()).update();
		jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = ?").param(me.id()).update();
		if (removed > 0) {
			events.publishEvent(new TwoFactorChanged(Actor.current(), me.id().toString(), false, Instant.now()));
		}
	}

	/**
	 * Checks a second factor at login: a current authenticator code not used before, or an unused recovery code
	 * (used up by this call). Runs in the login's transaction.
	 */
	boolean verify(UUID userId, String code, Actor actor) {
		String given = code.trim().replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
		Optional<Pending> row = pending(userId).filter(Pending::confirmed);
		if (row.isEmpty()) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(sealed.open(row.get().secret(), context(userId)), given, Instant.now());
		if (step.isPresent()) {
			// the step must move forward: a code seen once (even by an onlooker) does not log in again
			return jdbc.sql("UPDATE user_two_factor SET last_step = ? WHERE user_id = ? AND last_step < ?")
				.params(step.getAsLong(), userId, step.getAsLong())
				.update() == 1;
		}
		return useRecoveryCode(userId, given, actor);
	}

	private boolean useRecoveryCode(UUID userId, String given, Actor actor) {
		if (!given.matches("[a-z0-9]{10}")) {
			return false;
		}
		record Code(UUID id, String salt, String hash) {
		}
		List<Code> codes = jdbc.sql("SELECT id, salt, code_hash FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL")
			.param(userId)
			.query((rs, n) -> new Code(rs.getObject("id", UUID.class), rs.getString("salt"), rs.getString("code_hash")))
			.list();
		for (Code c : codes) {
			if (java.security.MessageDigest.isEqual(hmac(c.salt(), given).getBytes(), c.hash().getBytes())) {
				int used = jdbc.sql("UPDATE user_recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL")
					.params(now(), c.id())
					.update();
				if (used == 1) {
					events.publishEvent(new RecoveryCodeUsed(actor, userId.toString(), codes.size() - 1, Instant.now()));
				}
				return used == 1;
			}
		}
		return false;
	}

	private List<String> newRecoveryCodes(UUID userId) {
		jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = ?").param(userId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int j = 0; j < 10; j++) {
				code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
			}
			byte[] saltBytes = new byte[16];
			random.nextBytes(saltBytes);
			String salt = HexFormat.of().formatHex(saltBytes);
			jdbc.sql("INSERT INTO user_recovery_codes (id, user_id, salt, code_hash) VALUES (?, ?, ?, ?)")
				.params(UUID.randomUUID(), userId, salt, hmac(salt, code.toString()))
				.update();
			codes.add(code.substring(0, 5) + "-" + code.substring(5));
		}
		return codes;
	}

	private record Pending(String secret, boolean confirmed) {
	}

	private Optional<Pending> pending(UUID userId) {
		return jdbc.sql("SELECT secret, confirmed_at FROM user_two_factor WHERE user_id = ?")
			.param(userId)
			.query((rs, n) -> new Pending(rs.getString("secret"), rs.getObject("confirmed_at") != null))
			.optional();
	}

	private static String hmac(String salt, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(HexFormat.of().parseHex(salt), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
		}
	}

	/** A leaked API token must not be able to put its holder's device between the user and their account. */
	private static void refuseTokens() {
		ApiTokenAuthentication.refuseIfCurrent("Two-factor sign-in is set up in a browser session, not with an API token");
	}

	private static String context(UUID userId) {
		return "two-factor/" + userId;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}
}

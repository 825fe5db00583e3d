package dev.steward.connection.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.connection.SshAuthentication;
import dev.steward.connection.SshDraft;
import dev.steward.engine.ConnectionInputs;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.Engines;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.SslMode;
import dev.steward.shared.InvalidInput;

/**
 * Server-side rules for a connection's SSH tunnel: only for a networked engine with one host, where the SSH server
 * can reach it. Errors name the field as {@code ssh.<field>}.
 */
@Component
public class SshRules {

	/**
	 * A checked tunnel. Null secrets were not sent (keep the stored ones); a given {@code privateKey} brings its
	 * own {@code passphrase} (null: none).
	 */
	public record SshCandidate(String host, int port, String username, SshAuthentication authentication,
			@Nullable String password, @Nullable String privateKey, @Nullable String passphrase,
			boolean clearHostKey) {

		@Override
		public String toString() {
			return "SshCandidate[" + username + "@" + host + ":" + port + "]";
		}
	}

	public static final int DEFAULT_PORT = 22;

	static final int MAX_KEY = 16_000;

	private final Engines engines;

	SshRules(Engines engines) {
		this.engines = engines;
	}

	public @Nullable SshCandidate check(@Nullable SshDraft d, ConnectionSpec spec) {
		if (d == null) {
			return null;
		}
		Map<String, String> errors = new LinkedHashMap<>();
		if (!networked(spec.engine())) {
			throw new InvalidInput("ssh", "is only for networked engines; " + spec.engine() + " is not one");
		}
		if (spec.srv() || spec.host() != null && spec.host().contains(",")) {
			throw new InvalidInput("ssh", "needs exactly one database host (no DNS seed list, no host list)");
		}
		if (spec.sslMode() == SslMode.VERIFY_FULL) {
			throw new InvalidInput("sslMode", "VERIFY_FULL checks the server name, which through an SSH tunnel is "
					+ "the tunnel's local end; use VERIFY_CA");
		}
		DraftRules.text(errors, "ssh.host", d.host(), 255, false);
		DraftRules.text(errors, "ssh.username", d.username(), 255, false);
		DraftRules.text(errors, "ssh.authentication", d.authentication(), 32, false);
		DraftRules.text(errors, "ssh.password", d.password(), DraftRules.MAX_STRING, false);
		DraftRules.text(errors, "ssh.privateKey", d.privateKey(), MAX_KEY, true);
		DraftRules.text(errors, "ssh.passphrase", d.passphrase(), DraftRules.MAX_STRING, false);
		if (d.host() == null || d.host().isBlank()) {
			errors.putIfAbsent("ssh.host", "is required for an SSH tunnel");
		}
		if (d.username() == null || d.username().isBlank()) {
			errors.putIfAbsent("ssh.username", "is required for an SSH tunnel");
		}
		if (d.port() != null && (d.port() < 1 || d.port() > 65535)) {
			errors.put("ssh.port", "must be between 1 and 65535");
		}
		for (var secret : Map.of("ssh.password", d.password() == null ? "" : d.password(), "ssh.passphrase",
				d.passphrase() == null ? "" : d.passphrase()).entrySet()) {
			if (secret.getValue().getBytes(StandardCharsets.UTF_8).length > 1024) {
				errors.putIfAbsent(secret.getKey(), "must be at most 1024 bytes");
			}
		}
		SshAuthentication auth = authentication(d, errors);
		if (auth == SshAuthentication.PASSWORD && (d.privateKey() != null || d.passphrase() != null)) {
			errors.putIfAbsent(d.privateKey() != null ? "ssh.privateKey" : "ssh.passphrase",
					"is only for PRIVATE_KEY authentication");
		}
		if (auth == SshAuthentication.PRIVATE_KEY && d.password() != null) {
			errors.putIfAbsent("ssh.password", "is only for PASSWORD authentication");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		String host;
		try {
			host = ConnectionInputs.checkHost(d.host());
		}
		catch (InvalidConnectionUrl e) {
			throw new InvalidInput("ssh.host", e.getMessage());
		}
		String key = d.privateKey() == null || d.privateKey().isBlank() ? null : d.privateKey().strip();
		String passphrase = d.passphrase() == null || d.passphrase().isEmpty() ? null : d.passphrase();
		if (key != null) {
			requireReadable(key, passphrase);
		}
		return new SshCandidate(host, d.port() == null ? DEFAULT_PORT : d.port(), d.username().strip(), auth,
				d.password(), key, passphrase, Boolean.TRUE.equals(d.clearHostKey()));
	}

	/** A private key that does not open with its passphrase is refused on save, not on first use. */
	public static void requireReadable(String privateKey, @Nullable String passphrase) {
		try {
			SshTunnel.keyPairs(privateKey, passphrase);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("ssh.privateKey", "is not a readable OpenSSH or PEM private key"
					+ (passphrase == null ? " (is it protected by a passphrase?)" : " with this passphrase"));
		}
	}

	/** Whether the engine reaches its database over the network, so a tunnel can carry it. */
	private boolean networked(EngineKind engine) {
		return engines.traits(engine).networked();
	}

	private static SshAuthentication authentication(SshDraft d, Map<String, String> errors) {
		if (d.authentication() == null || d.authentication().isBlank()) {
			return d.privateKey() != null ? SshAuthentication.PRIVATE_KEY : SshAuthentication.PASSWORD;
		}
		try {
			return SshAuthentication.valueOf(d.authentication().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException e) {
			errors.put("ssh.authentication", "must be PASSWORD or PRIVATE_KEY");
			return SshAuthentication.PASSWORD;
		}
	}
}

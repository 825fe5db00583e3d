package dev.steward.connection.internal;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionEvents.SshHostKeyPinned;
import dev.steward.connection.SshAuthentication;
import dev.steward.connection.SshHostKeyChanged;
import dev.steward.connection.SshProfile;
import dev.steward.connection.internal.SshRules.SshCandidate;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetHostRefused;
import dev.steward.engine.TunnelEndpoints;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;

/**
 * The SSH side of connections: sealing the tunnel's secrets, turning a tunnelled connection's spec into the one
 * everything else uses ({@code 127.0.0.1:<tunnel port>}), pinning the host key on first use, and the host rule
 * for the SSH host (the database host behind it is the SSH server's to reach).
 */
@Component
public class TunnelledConnections {

	private static final Logger log = LoggerFactory.getLogger(TunnelledConnections.class);

	private static final String PASSWORD = "ssh-password";

	private static final String KEY = "ssh-key";

	private static final String PASSPHRASE = "ssh-passphrase";

	private final SshTunnels tunnels;

	private final CredentialCipher cipher;

	private final ConnectionStore store;

	private final Engines engines;

	private final TargetAccess access;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate ownTransaction;

	TunnelledConnections(SshTunnels tunnels, CredentialCipher cipher, ConnectionStore store, Engines engines,
			TargetAccess access, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.tunnels = tunnels;
		this.cipher = cipher;
		this.store = store;
		this.engines = engines;
		this.access = access;
		this.events = events;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The host rule for what a user typed: the SSH host when tunnelled (naming {@code ssh.host}), else the database
	 * host itself, never letting a typed address through as a tunnel's local end.
	 */
	public void checkHost(ConnectionSpec spec, @Nullable String sshHost, String field) {
		try {
			if (sshHost != null) {
				access.hosts().resolve(sshHost);
			}
			else {
				access.hosts().checkDirect(spec);
			}
		}
		catch (TargetHostRefused e) {
			throw new InvalidInput(sshHost != null ? "ssh.host" : field, e.getMessage());
		}
	}

	/** The stored tunnel for a create or an update, keeping secrets not sent; adds what changed to {@code changed}. */
	public @Nullable SshRow seal(UUID id, @Nullable SshCandidate c, @Nullable SshRow old, List<String> changed) {
		if (c == null) {
			if (old != null) {
				changed.add("ssh");
			}
			return null;
		}
		boolean sameMethod = old != null && old.authentication() == c.authentication();
		String password = null;
		String key = null;
		String passphrase = null;
		if (c.authentication() == SshAuthentication.PASSWORD) {
			password = c.password() != null ? cipher.encrypt(c.password(), id, PASSWORD)
					: sameMethod ? old.passwordSecret() : null;
			if (password == null) {
				throw new InvalidInput("ssh.password", "is required for PASSWORD authentication");
			}
		}
		else if (c.privateKey() != null) {
			key = cipher.encrypt(c.privateKey(), id, KEY);
			passphrase = c.passphrase() == null ? null : cipher.encrypt(c.passphrase(), id, PASSPHRASE);
		}
		else if (sameMethod && old.keySecret() != null) {
			key = old.keySecret();
			passphrase = old.passphraseSecret();
			if (c.passphrase() != null) {
				SshRules.requireReadable(cipher.decrypt(key, id, KEY), c.passphrase());
				passphrase = cipher.encrypt(c.passphrase(), id, PASSPHRASE);
			}
		}
		else {
			throw new InvalidInput("ssh.privateKey", "is required for PRIVATE_KEY authentication");
		}
		boolean sameServer = old != null && old.host().equals(c.host()) && old.port() == c.port();
		String hostKey = sameServer && !c.clearHostKey() ? old.hostKey() : null;
		SshRow row = new SshRow(c.host(), c.port(), c.username(), c.authentication(), password, key, passphrase,
				hostKey);
		if (old != null) {
			changes(old, row, c, changed);
		}
		else {
			changed.add("ssh");
		}
		return row;
	}

	private static void changes(SshRow old, SshRow row, SshCandidate c, List<String> changed) {
		if (!old.host().equals(row.host())) {
			changed.add("ssh.host");
		}
		if (old.port() != row.port()) {
			changed.add("ssh.port");
		}
		if (!old.username().equals(row.username())) {
			changed.add("ssh.username");
		}
		if (old.authentication() != row.authentication()) {
			changed.add("ssh.authentication");
		}
		if (c.password() != null) {
			changed.add("ssh.password");
		}
		if (c.privateKey() != null) {
			changed.add("ssh.privateKey");
		}
		if (c.passphrase() != null || c.privateKey() != null && old.passphraseSecret() != null) {
			changed.add("ssh.passphrase");
		}
		if (old.hostKey() != null && row.hostKey() == null) {
			changed.add("ssh.hostKey");
		}
	}

	/**
	 * How everything else reaches a stored connection: its spec as is, or through its tunnel, which the supplier
	 * opens (or re-opens) when called. The tunnel's secrets are read now: {@link CredentialsUnreadable} if one no
	 * longer decrypts.
	 */
	public Supplier<ConnectionSpec> reach(ConnectionRow row, ConnectionSpec spec, Actor actor) {
		SshRow ssh = row.ssh();
		if (ssh == null) {
			return () -> spec;
		}
		SshTarget target = target(row.id(), ssh, spec);
		if (ssh.hostKey() != null && !HostKeyFingerprint.isValid(ssh.hostKey())) {
			// never taken for "nothing pinned": that would accept any key
			throw new Conflict("The pinned SSH host key of connection '" + row.name()
					+ "' is damaged; clear it in the connection's SSH settings to pin the server's key again");
		}
		HostKeyFingerprint pinned = ssh.hostKey() == null ? null : new HostKeyFingerprint(ssh.hostKey());
		return () -> {
			try {
				return local(spec, tunnels.localPort(row.id(), target, pinned, seen -> pin(row, ssh, seen, actor)));
			}
			catch (SshHostKeyChanged e) {
				log.warn("Refused the SSH server of connection {} ({}:{}): its host key changed from {} to {}", row.id(),
						ssh.host(), ssh.port(), e.expected(), e.actual());
				throw e;
			}
		};
	}

	/** Runs {@code use} with settings not saved: through a tunnel opened for it alone when there is one. */
	public <T> T withUnsaved(@Nullable SshCandidate c, ConnectionSpec spec, Function<ConnectionSpec, T> use) {
		if (c == null) {
			return use.apply(spec);
		}
		if (c.authentication() == SshAuthentication.PASSWORD ? c.password() == null : c.privateKey() == null) {
			throw new InvalidInput(c.authentication() == SshAuthentication.PASSWORD ? "ssh.password" : "ssh.privateKey",
					"is required to test unsaved SSH settings");
		}
		SshTarget target = new SshTarget(c.host(), c.port(), c.username(), c.authentication(), c.password(),
				c.privateKey(), c.passphrase(), Objects.requireNonNull(spec.host()), targetPort(spec));
		SshTunnel tunnel = tunnels.openOnce(target, null);
		try {
			return use.apply(local(spec, tunnel.localPort()));
		}
		finally {
			tunnels.release(tunnel);
		}
	}

	/** After the connection's pools are closed: its tunnel goes too (edited, switched off). */
	public void close(UUID connectionId) {
		tunnels.close(connectionId);
	}

	/** After a deleted connection's pools are closed: its tunnel and its local port go. */
	public void forget(UUID connectionId) {
		tunnels.forget(connectionId);
	}

	public static @Nullable SshProfile profile(@Nullable SshRow ssh) {
		return ssh == null ? null
				: new SshProfile(ssh.host(), ssh.port(), ssh.username(), ssh.authentication(),
						ssh.passwordSecret() != null, ssh.keySecret() != null, ssh.passphraseSecret() != null,
						ssh.hostKey());
	}

	private SshTarget target(UUID id, SshRow ssh, ConnectionSpec spec) {
		return new SshTarget(ssh.host(), ssh.port(), ssh.username(), ssh.authentication(),
				decrypt(ssh.passwordSecret(), id, PASSWORD), decrypt(ssh.keySecret(), id, KEY),
				decrypt(ssh.passphraseSecret(), id, PASSPHRASE), Objects.requireNonNull(spec.host()),
				targetPort(spec));
	}

	private int targetPort(ConnectionSpec spec) {
		return spec.port() != null ? spec.port() : engines.traits(spec.engine()).defaultPort();
	}

	private @Nullable String decrypt(@Nullable String secret, UUID id, String purpose) {
		return secret == null ? null : cipher.decrypt(secret, id, purpose);
	}

	/** In its own transaction: the caller may be reading in a read-only one. */
	private void pin(ConnectionRow row, SshRow ssh, HostKeyFingerprint seen, Actor actor) {
		ownTransaction.executeWithoutResult(status -> {
			if (store.pinHostKey(row.id(), ssh.host(), ssh.port(), seen.value())) {
				events.publishEvent(new SshHostKeyPinned(actor, row.id(), row.name(), ssh.host() + ":" + ssh.port(),
						seen.value(), java.time.Instant.now()));
			}
		});
	}

	private static ConnectionSpec local(ConnectionSpec spec, int port) {
		return new ConnectionSpec(spec.engine(), TunnelEndpoints.LOOPBACK, port, spec.database(), spec.username(),
				spec.password(), spec.sslMode(), spec.caCertificate(), spec.filePath(), false, spec.options());
	}
}

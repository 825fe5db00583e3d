package dev.steward.connection.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.jspecify.annotations.Nullable;

import dev.steward.connection.SshAuthentication;
import dev.steward.connection.SshHostKeyChanged;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.TunnelEndpoints;

/**
 * One open SSH session with one local port forward ({@code 127.0.0.1:<port>} to the database host as the SSH
 * server sees it). Connecting, key exchange and login share one deadline, the engine's connect timeout.
 */
public final class SshTunnel implements AutoCloseable {

	/** What the client's host key verifier reads from the session being opened. */
	static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();

	private final SshTarget target;

	private final ClientSession session;

	private final int localPort;

	private final HostKeyFingerprint hostKey;

	private volatile long lastUsed = System.nanoTime();

	private SshTunnel(SshTarget target, ClientSession session, int localPort, HostKeyFingerprint hostKey) {
		this.target = target;
		this.session = session;
		this.localPort = localPort;
		this.hostKey = hostKey;
	}

	/**
	 * Connects, verifies the host key against {@code pinned} (any key when null: trust on first use), logs in and
	 * forwards a loopback port, preferring {@code preferredPort} (0: any) so pools opened on the old one keep
	 * working after a re-open.
	 */
	static SshTunnel open(SshClient client, SshTarget target, @Nullable HostKeyFingerprint pinned, int preferredPort,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HostKeyCheck check = new HostKeyCheck(pinned);
		ClientSession session = connect(client, target, check, timeout);
		try {
			login(session, target, check, remaining(deadline));
			int port = forward(session, target, preferredPort);
			return new SshTunnel(target, session, port, check.seen());
		}
		catch (RuntimeException e) {
			session.close(true);
			throw e;
		}
	}

	private static ClientSession connect(SshClient client, SshTarget target, HostKeyCheck check, Duration timeout) {
		ConnectFuture future;
		try {
			future = client.connect(target.username(), target.host(), target.port(),
					AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check), null);
		}
		catch (IOException e) {
			throw unreachable(FailureCategory.HOST_UNREACHABLE, "cannot connect: " + e.getMessage(), e);
		}
		if (!await(future::await, timeout)) {
			future.cancel();
			throw unreachable(FailureCategory.TIMEOUT, "no answer within " + timeout.toSeconds() + " s", null);
		}
		if (!future.isConnected()) {
			Throwable cause = future.getException();
			throw unreachable(FailureCategory.HOST_UNREACHABLE,
					"cannot connect" + (cause == null ? "" : ": " + cause.getMessage()), cause);
		}
		return future.getSession();
	}

	private static void login(ClientSession session, SshTarget target, HostKeyCheck check, Duration timeout) {
		if (target.authentication() == SshAuthentication.PASSWORD) {
			session.addPasswordIdentity(target.password() == null ? "" : target.password());
		}
		else {
			keyPairs(target.privateKey(), target.passphrase()).forEach(session::addPublicKeyIdentity);
		}
		AuthFuture auth;
		try {
			auth = session.auth();
		}
		catch (IOException e) {
			throw refusedOrUnreachable(target, check, e);
		}
		boolean done = await(auth::await, timeout);
		check.requireMatch(target.host());
		if (!done) {
			throw unreachable(FailureCategory.TIMEOUT, "no login within the connect timeout", null);
		}
		if (!auth.isSuccess()) {
			throw refusedOrUnreachable(target, check, auth.getException());
		}
	}

	private static TargetUnreachable refusedOrUnreachable(SshTarget target, HostKeyCheck check,
			@Nullable Throwable cause) {
		check.requireMatch(target.host());
		return unreachable(FailureCategory.AUTHENTICATION_FAILED, "the SSH server refused the login of '"
				+ target.username() + "' with " + target.authentication().name().toLowerCase().replace('_', ' '), cause);
	}

	private static int forward(ClientSession session, SshTarget target, int preferredPort) {
		SshdSocketAddress remote = new SshdSocketAddress(target.targetHost(), target.targetPort());
		try {
			try {
				return session.startLocalPortForwarding(new SshdSocketAddress(TunnelEndpoints.LOOPBACK, preferredPort),
						remote).getPort();
			}
			catch (IOException e) {
				if (preferredPort == 0) {
					throw e;
				}
				// somebody took the old port meanwhile: any other will do (the pools are replaced then)
				return session.startLocalPortForwarding(new SshdSocketAddress(TunnelEndpoints.LOOPBACK, 0), remote)
					.getPort();
			}
		}
		catch (IOException e) {
			throw unreachable(FailureCategory.UNKNOWN, "cannot listen on a local port: " + e.getMessage(), e);
		}
	}

	/** The key pairs in an OpenSSH or PEM private key; {@link IllegalArgumentException} if none can be read. */
	static List<KeyPair> keyPairs(@Nullable String privateKey, @Nullable String passphrase) {
		if (privateKey == null || privateKey.isBlank()) {
			throw new IllegalArgumentException("no private key");
		}
		try {
			Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private key"),
					new ByteArrayInputStream(privateKey.strip().concat("\n").getBytes(StandardCharsets.UTF_8)),
					passphrase == null || passphrase.isEmpty() ? FilePasswordProvider.EMPTY
							: FilePasswordProvider.of(passphrase));
			List<KeyPair> list = new ArrayList<>();
			if (pairs != null) {
				pairs.forEach(list::add);
			}
			if (list.isEmpty()) {
				throw new IllegalArgumentException("no key found");
			}
			return list;
		}
		catch (IOException | GeneralSecurityException | RuntimeException e) {
			throw new IllegalArgumentException("unreadable private key", e);
		}
	}

	public SshTarget target() {
		return target;
	}

	public int localPort() {
		return localPort;
	}

	public HostKeyFingerprint hostKey() {
		return hostKey;
	}

	public boolean isOpen() {
		return session.isOpen() && !session.isClosing();
	}

	void touch() {
		lastUsed = System.nanoTime();
	}

	/** Whether nobody asked for it for {@code idle} and no forwarded connection (a pooled one, a dump) is open. */
	boolean idleFor(Duration idle) {
		if (System.nanoTime() - lastUsed < idle.toNanos()) {
			return false;
		}
		ConnectionService service = session.getService(ConnectionService.class);
		return !(service instanceof AbstractConnectionService connections) || connections.getChannels().isEmpty();
	}

	@Override
	public void close() {
		session.close(true);
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
	}

	private interface Await {
		boolean await(Duration timeout) throws IOException;
	}

	private static boolean await(Await future, Duration timeout) {
		try {
			return future.await(timeout);
		}
		catch (IOException e) {
			return true; // interrupted or failed: the future's state says which
		}
	}

	private static TargetUnreachable unreachable(FailureCategory category, String message, @Nullable Throwable cause) {
		return new TargetUnreachable(category, "SSH tunnel: " + message, cause);
	}

	/** Compares the server's host key with the pinned one and remembers what it saw. */
	static final class HostKeyCheck {

		private final @Nullable HostKeyFingerprint pinned;

		private volatile @Nullable HostKeyFingerprint seen;

		HostKeyCheck(@Nullable HostKeyFingerprint pinned) {
			this.pinned = pinned;
		}

		boolean accept(java.security.PublicKey key) {
			HostKeyFingerprint fingerprint = HostKeyFingerprint.of(key);
			seen = fingerprint;
			return pinned == null || pinned.equals(fingerprint);
		}

		HostKeyFingerprint seen() {
			HostKeyFingerprint s = seen;
			if (s == null) {
				throw new IllegalStateException("logged in without a host key");
			}
			return s;
		}

		void requireMatch(String sshHost) {
			HostKeyFingerprint s = seen;
			if (pinned != null && s != null && !pinned.equals(s)) {
				throw new SshHostKeyChanged(sshHost, pinned.value(), s.value());
			}
		}
	}
}

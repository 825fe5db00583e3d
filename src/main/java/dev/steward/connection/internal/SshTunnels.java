package dev.steward.connection.internal;

import java.security.PublicKey;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.AbstractClientSession;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.TunnelEndpoints;

/**
 * The SSH tunnels of tunnelled connections: at most one per connection, shared by everything that reaches its
 * database (pools, catalog, native tools), opened on first use, re-opened on the same local port when it dropped,
 * closed when the connection changes or goes, and when idle. The SSH host obeys the host rule; its local end is
 * registered with {@link TunnelEndpoints} so the rule lets the tunnelled spec through.
 */
@Component
public class SshTunnels implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SshTunnels.class);

	private final TargetAccess access;

	private final ConnectionProperties.Ssh settings;

	private final Map<UUID, SshTunnel> tunnels = new ConcurrentHashMap<>();

	/** One opener per connection: concurrent first uses share one tunnel instead of racing to open two. */
	private final Map<UUID, ReentrantLock> openers = new ConcurrentHashMap<>();

	/** The local port each connection's tunnel listens on, and who owns which port. */
	private final Map<UUID, Integer> ownPorts = new ConcurrentHashMap<>();

	private final Map<Integer, UUID> portOwners = new ConcurrentHashMap<>();

	private @Nullable SshClient client;

	private @Nullable ScheduledExecutorService sweeper;

	SshTunnels(TargetAccess access, ConnectionProperties properties) {
		this.access = access;
		this.settings = properties.ssh();
	}

	/**
	 * The local port of the connection's tunnel to {@code target}, opening it (or re-opening a dropped or changed
	 * one) if needed. With no {@code pinned} key the server's key is accepted and handed to {@code pin}.
	 */
	public int localPort(UUID connectionId, SshTarget target, @Nullable HostKeyFingerprint pinned,
			Consumer<HostKeyFingerprint> pin) {
		SshTunnel current = tunnels.get(connectionId);
		if (current != null && current.isOpen() && current.target().equals(target)) {
			current.touch();
			return current.localPort();
		}
		ReentrantLock opener = openers.computeIfAbsent(connectionId, id -> new ReentrantLock());
		opener.lock();
		try {
			current = tunnels.get(connectionId);
			if (current != null && current.isOpen() && current.target().equals(target)) {
				current.touch();
				return current.localPort();
			}
			if (current != null) {
				discard(connectionId, current);
			}
			SshTunnel opened = openOnOwnPort(connectionId, target, pinned);
			try {
				if (pinned == null) {
					pin.accept(opened.hostKey());
				}
			}
			catch (RuntimeException e) {
				opened.close();
				throw e;
			}
			tunnels.put(connectionId, opened);
			access.hosts().tunnels().register(opened.localPort());
			return opened.localPort();
		}
		finally {
			opener.unlock();
		}
	}

	/**
	 * A tunnel for one use (testing unsaved settings), owned by the caller, on a port no connection owns; its port
	 * passes the host rule until {@link #release}.
	 */
	public SshTunnel openOnce(SshTarget target, @Nullable HostKeyFingerprint pinned) {
		SshTunnel tunnel = openOnOwnPort(UUID.randomUUID(), target, pinned);
		access.hosts().tunnels().register(tunnel.localPort());
		return tunnel;
	}

	public void release(SshTunnel tunnel) {
		access.hosts().tunnels().unregister(tunnel.localPort());
		tunnel.close();
		UUID owner = portOwners.remove(tunnel.localPort());
		if (owner != null) {
			ownPorts.remove(owner);
		}
	}

	/** Closes the connection's tunnel (after an edit, a switch-off or a delete; its pools are closed first). */
	public void close(UUID connectionId) {
		SshTunnel tunnel = tunnels.get(connectionId);
		if (tunnel != null) {
			discard(connectionId, tunnel);
		}
	}

	/** As {@link #close}, and gives up the connection's local port (it was deleted). */
	public void forget(UUID connectionId) {
		close(connectionId);
		Integer port = ownPorts.remove(connectionId);
		if (port != null) {
			portOwners.remove(port, connectionId);
		}
	}

	/** Whether the connection has an open tunnel (for tests and diagnostics). */
	public boolean isOpen(UUID connectionId) {
		SshTunnel tunnel = tunnels.get(connectionId);
		return tunnel != null && tunnel.isOpen();
	}

	/**
	 * Each connection keeps its local port while Steward runs (re-opened on it when free), and never takes another
	 * connection's: a spec handed out before a tunnel closed (a queued dump's) must not reach another database.
	 */
	private SshTunnel openOnOwnPort(UUID connectionId, SshTarget target, @Nullable HostKeyFingerprint pinned) {
		int preferred = ownPorts.getOrDefault(connectionId, 0);
		for (int attempt = 1;; attempt++) {
			SshTunnel tunnel = open(target, pinned, preferred);
			UUID owner = portOwners.putIfAbsent(tunnel.localPort(), connectionId);
			if (owner == null || owner.equals(connectionId)) {
				Integer previous = ownPorts.put(connectionId, tunnel.localPort());
				if (previous != null && previous != tunnel.localPort()) {
					portOwners.remove(previous, connectionId);
				}
				return tunnel;
			}
			tunnel.close();
			if (attempt == 3) {
				throw new TargetUnreachable(FailureCategory.UNKNOWN, "SSH tunnel: no free local port", null);
			}
			preferred = 0;
		}
	}

	private SshTunnel open(SshTarget target, @Nullable HostKeyFingerprint pinned, int preferredPort) {
		// the rule is checked on every connect, as for direct targets: the name may resolve elsewhere by now
		access.hosts().resolve(target.host());
		return SshTunnel.open(client(), target, pinned, preferredPort, access.connectTimeout());
	}

	private void discard(UUID connectionId, SshTunnel tunnel) {
		tunnels.remove(connectionId, tunnel);
		access.hosts().tunnels().unregister(tunnel.localPort());
		tunnel.close();
	}

	private void sweep() {
		tunnels.forEach((id, tunnel) -> {
			ReentrantLock opener = openers.computeIfAbsent(id, k -> new ReentrantLock());
			// a tunnel being handed out right now is not idle: skip it this round
			if (!opener.tryLock()) {
				return;
			}
			try {
				if (!tunnel.isOpen() || tunnel.idleFor(settings.idleTimeout())) {
					discard(id, tunnel);
					log.debug("Closed the idle SSH tunnel of connection {}", id);
				}
			}
			finally {
				opener.unlock();
			}
		});
	}

	/** Started on first use, so an installation without tunnels pays nothing for them at start-up. */
	private synchronized SshClient client() {
		if (client == null) {
			SshClient created = SshClient.setUpDefaultClient();
			// nothing from the server account's ~/.ssh: no config file, no default identities, no known_hosts
			created.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
			created.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
			created.setServerKeyVerifier((session, remote, key) -> verify(session, key));
			CoreModuleProperties.HEARTBEAT_INTERVAL.set(created, settings.keepAlive());
			CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(created, 3);
			created.start();
			client = created;
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread thread = new Thread(r, "ssh-tunnels sweeper");
				thread.setDaemon(true);
				return thread;
			});
			long every = Math.max(1000, settings.idleTimeout().toMillis() / 4);
			executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
			sweeper = executor;
		}
		return client;
	}

	private static boolean verify(ClientSession session, PublicKey key) {
		AttributeRepository context = session instanceof AbstractClientSession s ? s.getConnectionContext() : null;
		SshTunnel.HostKeyCheck check = context == null ? null : context.getAttribute(SshTunnel.HOST_KEY_CHECK);
		return check != null && check.accept(key);
	}

	@Override
	public synchronized void destroy() {
		if (sweeper != null) {
			sweeper.shutdownNow();
		}
		tunnels.forEach(this::discard);
		if (client != null) {
			client.stop();
		}
	}
}

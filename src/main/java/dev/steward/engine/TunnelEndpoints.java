package dev.steward.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loopback ports Steward's own SSH tunnels listen on. A spec pointing at one of them was built by the
 * connection registry from a tunnelled connection, whose SSH host already passed the host rule when the tunnel
 * opened; so the rule lets it through even where loopback is denied. What the SSH server reaches is its own
 * network's business, as with any jump host.
 */
public final class TunnelEndpoints {

	/** Where tunnels listen: a literal, so no resolver is asked. */
	public static final String LOOPBACK = "127.0.0.1";

	private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

	public void register(int port) {
		ports.add(port);
	}

	public void unregister(int port) {
		ports.remove(port);
	}

	/** Whether the spec is one single-host address of an open tunnel. */
	public boolean carries(ConnectionSpec spec) {
		return !spec.srv() && LOOPBACK.equals(spec.host()) && spec.port() != null && ports.contains(spec.port());
	}
}

package dev.steward.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


import dev.steward.engine.support.HostList;
import dev.steward.engine.support.HostRule;

/**
 * The admin's rule for which hosts Steward may connect to, checked after DNS resolution on every address a
 * name resolves to: on save, on test and on every connect (pools, backups, client tools), so a name that
 * later resolves to a denied address is refused too.
 */
public class TargetHosts {

	private final List<HostRule> allowed;

	private final List<HostRule> denied;

	private final TunnelEndpoints tunnels = new TunnelEndpoints();

	public TargetHosts(TargetHostProperties properties) {
		this.allowed = properties.allowedHosts().stream().map(HostRule::parse).toList();
		this.denied = properties.deniedHosts().stream().map(HostRule::parse).toList();
	}

	public static TargetHosts defaults() {
		return new TargetHosts(TargetHostProperties.defaults());
	}

	/** The local ends of Steward's SSH tunnels, which {@link #check} lets through. */
	public TunnelEndpoints tunnels() {
		return tunnels;
	}

	/**
	 * Every host of a spec (SQLite has none; a MongoDB SRV name is checked by name, its members on connect); a
	 * spec for an open SSH tunnel's local end passes (its SSH host was checked when it opened).
	 */
	public void check(ConnectionSpec spec) {
		if (tunnels.carries(spec)) {
			return;
		}
		checkDirect(spec);
	}

	/** As {@link #check} without the tunnel exception: for what a user types, which must never name a tunnel's port. */
	public void checkDirect(ConnectionSpec spec) {
		for (HostList.HostPort host : HostList.of(spec.host(), spec.port())) {
			if (spec.srv()) {
				checkName(host.host());
			}
			else {
				resolve(host.host());
			}
		}
	}

	/**
	 * The host's addresses, all of them permitted; {@link TargetHostRefused} otherwise. A name that does not
	 * resolve is left to the driver (which then reports the host unreachable) unless an allowlist is set.
	 */
	public List<InetAddress> resolve(String host) {
		String name = checkName(host);
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(name);
		}
		catch (UnknownHostException e) {
			if (!allowed.isEmpty() && allowed.stream().noneMatch(r -> r.matchesName(name))) {
				throw new TargetHostRefused(host, "it is not in steward.connection.allowed-hosts");
			}
			return List.of();
		}
		for (InetAddress address : addresses) {
			if (denied.stream().anyMatch(r -> r.matches(address))) {
				throw new TargetHostRefused(host, describe(name, address) + " is denied by steward.connection.denied-hosts");
			}
		}
		if (!allowed.isEmpty() && allowed.stream().noneMatch(r -> r.matchesName(name))) {
			for (InetAddress address : addresses) {
				if (allowed.stream().noneMatch(r -> r.matches(address))) {
					throw new TargetHostRefused(host,
							describe(name, address) + " is not in steward.connection.allowed-hosts");
				}
			}
		}
		return List.copyOf(Arrays.asList(addresses));
	}

	/** {@link #resolve} for callers that must report a refusal as an unknown host (the MongoDB driver's resolver). */
	public List<InetAddress> resolveOrUnknown(String host) throws UnknownHostException {
		try {
			List<InetAddress> addresses = resolve(host);
			if (addresses.isEmpty()) {
				throw new UnknownHostException(host);
			}
			return new ArrayList<>(addresses);
		}
		catch (TargetHostRefused e) {
			throw new UnknownHostException(e.getMessage());
		}
	}

	private String checkName(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		String n = name;
		if (denied.stream().anyMatch(r -> r.matchesName(n))) {
			throw new TargetHostRefused(host, "it is denied by steward.connection.denied-hosts");
		}
		return name;
	}

	private static String describe(String name, InetAddress address) {
		String literal = address.getHostAddress();
		return literal.equalsIgnoreCase(name) ? "the address " + literal : "it resolves to " + literal + ", which";
	}
}

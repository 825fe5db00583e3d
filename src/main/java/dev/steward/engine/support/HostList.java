package dev.steward.engine.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.InvalidConnectionUrl;

/**
 * One or more {@code host[:port]} entries. A single host is stored in a spec as a bare name (IPv6 without
 * brackets) plus the port; several hosts as {@code h1:p1,[::1]:p2} in the host field.
 */
public final class HostList {

	public record HostPort(String host, @Nullable Integer port) {

		public String format(int defaultPort) {
			return bracket(host) + ":" + (port == null ? defaultPort : port);
		}

		public String formatKeepingPort() {
			return bracket(host) + (port == null ? "" : ":" + port);
		}
	}

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");

	private HostList() {
	}

	/** Parses {@code h1:5432,[::1]:5433,h3}; an empty list if blank. */
	public static List<HostPort> parse(String raw) {
		List<HostPort> result = new ArrayList<>();
		if (raw.isBlank()) {
			return result;
		}
		for (String entry : raw.split(",", -1)) {
			result.add(parseOne(entry.trim()));
		}
		return result;
	}

	static HostPort parseOne(String entry) {
		if (entry.isEmpty()) {
			throw new InvalidConnectionUrl("Empty host in the host list");
		}
		String host;
		String portText = null;
		if (entry.startsWith("[")) {
			int close = entry.indexOf(']');
			if (close < 0) {
				throw new InvalidConnectionUrl("Unclosed '[' in IPv6 host " + entry);
			}
			host = entry.substring(1, close).replace("%25", "%"); // RFC 6874 zone id in a URI
			String rest = entry.substring(close + 1);
			if (!rest.isEmpty()) {
				if (!rest.startsWith(":")) {
					throw new InvalidConnectionUrl("Unexpected text after IPv6 host " + entry);
				}
				portText = rest.substring(1);
			}
			if (!IPV6.matcher(host).matches()) {
				throw new InvalidConnectionUrl("Not an IPv6 address: " + host);
			}
		}
		else if (entry.indexOf(':') != entry.lastIndexOf(':')) {
			host = entry; // a bare IPv6 address cannot carry a port
			if (!IPV6.matcher(host).matches()) {
				throw new InvalidConnectionUrl("Not a host name or address: " + host);
			}
		}
		else {
			int colon = entry.indexOf(':');
			host = colon < 0 ? entry : entry.substring(0, colon);
			portText = colon < 0 ? null : entry.substring(colon + 1);
			if (!NAME.matcher(host).matches()) {
				throw new InvalidConnectionUrl("Not a host name or address: " + host);
			}
		}
		return new HostPort(host, portText == null ? null : port(portText));
	}

	public static int port(String text) {
		try {
			int port = Integer.parseInt(text);
			if (port < 1 || port > 65535) {
				throw new InvalidConnectionUrl("Port " + text + " is outside 1-65535");
			}
			return port;
		}
		catch (NumberFormatException e) {
			throw new InvalidConnectionUrl("Port '" + text + "' is not a number");
		}
	}

	/** The spec's host and port as entries: several hosts live comma-separated in the host field. */
	public static List<HostPort> of(@Nullable String host, @Nullable Integer port) {
		if (host == null || host.isBlank()) {
			return List.of();
		}
		if (host.contains(",")) {
			return parse(host);
		}
		if (host.startsWith("[")) {
			HostPort one = parseOne(host);
			return List.of(new HostPort(one.host(), one.port() != null ? one.port() : port));
		}
		return List.of(new HostPort(host, port));
	}

	/** The spec's (host, port) for parsed entries: a single host keeps its port separately. */
	public static HostPort toSpecFields(List<HostPort> hosts) {
		if (hosts.size() == 1) {
			return hosts.getFirst();
		}
		return new HostPort(String.join(",", hosts.stream().map(HostPort::formatKeepingPort).toList()), null);
	}

	public static String format(List<HostPort> hosts, int defaultPort) {
		return String.join(",", hosts.stream().map(h -> h.format(defaultPort)).toList());
	}

	/** For URLs meant for people: a port is shown only where one was given; an IPv6 zone is escaped. */
	public static String formatShort(List<HostPort> hosts) {
		return String.join(",", hosts.stream().map(h -> h.formatKeepingPort().replace("%", "%25")).toList());
	}

	static String bracket(String host) {
		return host.contains(":") ? "[" + host + "]" : host;
	}
}

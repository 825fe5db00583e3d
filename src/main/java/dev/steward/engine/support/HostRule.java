package dev.steward.engine.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** One entry of an allowed/denied host list: a CIDR, an address, a host name or a {@code *.suffix} pattern. */
public final class HostRule {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final @Nullable byte[] network;

	private final int prefix;

	private final @Nullable String name;

	private HostRule(@Nullable byte[] network, int prefix, @Nullable String name) {
		this.network = network;
		this.prefix = prefix;
		this.name = name;
	}

	public static HostRule parse(String entry) {
		String text = entry.strip().toLowerCase(Locale.ROOT);
		if (text.isEmpty()) {
			throw new IllegalArgumentException("An empty host rule");
		}
		int slash = text.indexOf('/');
		String host = slash < 0 ? text : text.substring(0, slash);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		boolean literal = IPV4.matcher(host).matches() || host.contains(":");
		if (!literal) {
			if (slash >= 0) {
				throw new IllegalArgumentException("'" + entry + "' is neither a CIDR nor a host name");
			}
			return new HostRule(null, 0, host);
		}
		byte[] address;
		try {
			// a literal: no DNS lookup happens
			address = InetAddress.getByName(host).getAddress();
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("'" + entry + "' is not a valid address", e);
		}
		int bits = address.length * 8;
		int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("'" + entry + "' has a prefix outside 0-" + bits);
		}
		return new HostRule(address, prefix, null);
	}

	public boolean matches(InetAddress address) {
		byte[] a = address.getAddress();
		if (network == null || a.length != network.length) {
			return false;
		}
		int full = prefix / 8;
		for (int i = 0; i < full; i++) {
			if (a[i] != network[i]) {
				return false;
			}
		}
		int rest = prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (a[full] & mask) == (network[full] & mask);
	}

	/** A name rule matching the host name as typed (lower case); {@code *.example.com} matches its subdomains. */
	public boolean matchesName(String host) {
		if (name == null) {
			return false;
		}
		if (name.startsWith("*.")) {
			return host.endsWith(name.substring(1));
		}
		return name.equals(host);
	}
}

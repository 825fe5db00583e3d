package dev.steward.security.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is really calling: the socket's peer, unless that peer is a trusted reverse proxy, in which case the
 * forwarding headers name the client (the right-most address not itself a trusted proxy) and the scheme it used.
 * Headers from anyone else are ignored, so a caller cannot choose its own address for throttling or the audit.
 */
@Component
public class ClientAddresses {

	private final List<Cidr> trusted;

	ClientAddresses(WebSecurityProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
			.map(Cidr::parse).toList();
	}

	/** The client's address as this request shows it. */
	public String clientAddress(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> hops = forwardedFor(request);
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			Optional<String> hop = literal(hops.get(i));
			if (hop.isEmpty()) {
				break; // a trusted proxy passed on garbage: the last address we could believe stands
			}
			client = hop.get();
			if (!isTrusted(client)) {
				break;
			}
		}
		return client;
	}

	/** Whether the client used HTTPS: the connection itself, or a trusted proxy says so. */
	public boolean isHttps(HttpServletRequest request) {
		if (request.isSecure()) {
			return true;
		}
		if (!isTrusted(request.getRemoteAddr())) {
			return false;
		}
		String forwarded = request.getHeader("Forwarded");
		if (forwarded != null) {
			for (String element : forwarded.split(",")) {
				for (String pair : element.split(";")) {
					String[] kv = pair.trim().split("=", 2);
					if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("proto")) {
						return unquote(kv[1]).equalsIgnoreCase("https");
					}
				}
			}
		}
		String proto = request.getHeader("X-Forwarded-Proto");
		return proto != null && proto.split(",")[0].trim().equalsIgnoreCase("https");
	}

	boolean isTrusted(@Nullable String address) {
		if (address == null || trusted.isEmpty()) {
			return false;
		}
		Optional<byte[]> bytes = bytes(address);
		return bytes.isPresent() && trusted.stream().anyMatch(cidr -> cidr.contains(bytes.get()));
	}

	/** The {@code for=} values of {@code Forwarded} if present, else the {@code X-Forwarded-For} list. */
	private static List<String> forwardedFor(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		String forwarded = request.getHeader("Forwarded");
		if (forwarded != null) {
			for (String element : forwarded.split(",")) {
				for (String pair : element.split(";")) {
					String[] kv = pair.trim().split("=", 2);
					if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("for")) {
						hops.add(unquote(kv[1]));
					}
				}
			}
			return hops;
		}
		var headers = request.getHeaders("X-Forwarded-For");
		while (headers != null && headers.hasMoreElements()) {
			for (String hop : headers.nextElement().split(",")) {
				hops.add(hop.trim());
			}
		}
		return hops;
	}

	private static String unquote(String value) {
		String v = value.trim();
		return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
	}

	/** An IP literal in canonical form, stripped of brackets and port; never a name lookup. */
	static Optional<String> literal(String hop) {
		String h = hop.trim();
		if (h.startsWith("[")) {
			int end = h.indexOf(']');
			if (end < 0) {
				return Optional.empty();
			}
			h = h.substring(1, end);
		}
		else if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':') && h.contains(".")) {
			h = h.substring(0, h.indexOf(':')); // IPv4 with a port
		}
		return bytes(h).map(ClientAddresses::format);
	}

	private static String format(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException e) {
			throw new IllegalStateException("4 or 16 bytes are always an address", e);
		}
	}

	/** Parses only IP literals (so never a DNS lookup): dotted IPv4 or IPv6 with hex digits and colons. */
	static Optional<byte[]> bytes(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.isEmpty() || t.length() > 45) {
			return Optional.empty();
		}
		boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		boolean v6 = t.contains(":") && t.matches("[0-9a-f:.]+");
		if (!v4 && !v6) {
			return Optional.empty();
		}
		if (v4) {
			for (String part : t.split("\\.")) {
				if (Integer.parseInt(part) > 255) {
					return Optional.empty();
				}
			}
		}
		try {
			return Optional.of(InetAddress.getByName(t).getAddress());
		}
		catch (UnknownHostException e) {
			return Optional.empty();
		}
	}

	/** An address block; a bare address is a block of one. */
	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			int slash = text.indexOf('/');
			String address = slash < 0 ? text : text.substring(0, slash);
			byte[] network = bytes(address).orElseThrow(() -> new IllegalArgumentException(
					"steward.security.trusted-proxies: '" + text + "' is not an IP address or CIDR block"));
			int max = network.length * 8;
			int prefix;
			try {
				prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException e) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > max) {
				throw new IllegalArgumentException(
						"steward.security.trusted-proxies: '" + text + "' has an invalid prefix length");
			}
			return new Cidr(network, prefix);
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			for (int bit = 0; bit < prefix; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}
	}
}

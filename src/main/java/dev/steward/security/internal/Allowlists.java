package dev.steward.security.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.shared.InvalidInput;

/** Parsing and checking of the allowlists: CIDR blocks (IPv4, IPv6) or single addresses; never a name lookup. */
final class Allowlists {

	static final int MAX_ENTRIES = 200;

	private Allowlists() {
	}

	/**
	 * The list in canonical form ({@code 10.0.0.0/8}, {@code 2001:db8:0:0:0:0:0:0/32}); a bad entry is an
	 * {@link InvalidInput} naming {@code field[index]}.
	 */
	static List<String> canonical(String field, @Nullable List<String> entries) {
		if (entries == null) {
			return List.of();
		}
		if (entries.size() > MAX_ENTRIES) {
			throw new InvalidInput(field, "has more than " + MAX_ENTRIES + " entries");
		}
		Map<String, String> errors = new LinkedHashMap<>();
		List<String> out = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i) == null ? "" : entries.get(i).trim();
			Optional<String> parsed = entry.length() > 50 ? Optional.empty() : parse(entry);
			if (parsed.isEmpty()) {
				errors.put(field + "[" + i + "]", "is not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)");
			}
			else if (!out.contains(parsed.get())) {
				out.add(parsed.get());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return List.copyOf(out);
	}

	private static Optional<String> parse(String entry) {
		try {
			ClientAddresses.Cidr cidr = ClientAddresses.Cidr.parse(entry);
			String address = ClientAddresses.literal(entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry)
				.orElseThrow();
			return Optional.of(address + "/" + cidr.prefix());
		}
		catch (RuntimeException e) {
			return Optional.empty();
		}
	}

	/** Whether an address passes a list; an empty list allows every address. */
	static boolean allows(List<String> list, String address) {
		if (list.isEmpty()) {
			return true;
		}
		Optional<byte[]> bytes = ClientAddresses.bytes(address);
		return bytes.isPresent() && list.stream().map(ClientAddresses.Cidr::parse).anyMatch(c -> c.contains(bytes.get()));
	}

	/** Whether a caller of {@code role} ({@code null}: not logged in) may call from {@code address}. */
	static boolean allows(SecuritySettings settings, @Nullable Role role, String address) {
		return allows(settings.globalAllowlist(), address) && (role == null || allows(settings.allowlistOf(role), address));
	}
}

package dev.steward.engine.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.InvalidConnectionUrl;

/**
 * The pieces of a {@code scheme://user:password@hosts/path?query} connection string. Lenient where users
 * are (an unencoded {@code @} or {@code /} in a password), strict about bad percent escapes.
 *
 * @param hosts the raw host list, e.g. {@code h1:5432,[::1]:5433}
 * @param path  the percent-decoded path after the first {@code /} (no leading slash); null if absent
 */
public record UrlParts(@Nullable String user, @Nullable String password, String hosts, @Nullable String path,
		Map<String, String> query) {

	/** Splits what follows {@code scheme://}. */
	public static UrlParts parse(String afterScheme) {
		int q = afterScheme.indexOf('?');
		String head = q < 0 ? afterScheme : afterScheme.substring(0, q);
		Map<String, String> query = q < 0 ? new LinkedHashMap<>() : parseQuery(afterScheme.substring(q + 1));
		int at = head.lastIndexOf('@');
		String user = null;
		String password = null;
		String rest = head;
		if (at >= 0) {
			String userInfo = head.substring(0, at);
			rest = head.substring(at + 1);
			int colon = userInfo.indexOf(':');
			user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
			password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
			if (user.isEmpty()) {
				user = null;
			}
		}
		int slash = rest.indexOf('/');
		String hosts = slash < 0 ? rest : rest.substring(0, slash);
		String path = slash < 0 ? null : decode(rest.substring(slash + 1));
		if (path != null && path.isEmpty()) {
			path = null;
		}
		return new UrlParts(user, password, hosts, path, query);
	}

	public static Map<String, String> parseQuery(String query) {
		Map<String, String> result = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			result.put(key, value);
		}
		return result;
	}

	/** Percent-decoding as in RFC 3986 ({@code +} stays a plus: it is legal in passwords). */
	public static String decode(String s) {
		if (s.indexOf('%') < 0) {
			return s;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '%') {
				if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
						|| Character.digit(s.charAt(i + 2), 16) < 0) {
					throw new InvalidConnectionUrl("Bad percent escape in the connection string");
				}
				out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
				i += 2;
			}
			else {
				byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
					bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				out.writeBytes(bytes);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Percent-encodes everything but RFC 3986 unreserved characters. */
	public static String encode(String s) {
		StringBuilder b = new StringBuilder();
		for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
			int c = x & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				b.append((char) c);
			}
			else {
				b.append('%').append(String.format(Locale.ROOT, "%02X", c));
			}
		}
		return b.toString();
	}

	/** Removes and returns a query option, matching its name case-insensitively. */
	public static @Nullable String take(Map<String, String> query, String key) {
		for (String k : java.util.List.copyOf(query.keySet())) {
			if (k.equalsIgnoreCase(key)) {
				return query.remove(k);
			}
		}
		return null;
	}

	/** {@code ?k=v&k2=v2} or the empty string. */
	public static String formatQuery(Map<String, String> query) {
		if (query.isEmpty()) {
			return "";
		}
		StringBuilder b = new StringBuilder("?");
		query.forEach((k, v) -> {
			if (b.length() > 1) {
				b.append('&');
			}
			b.append(encode(k)).append('=').append(encode(v));
		});
		return b.toString();
	}
}

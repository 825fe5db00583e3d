package dev.steward.masking.internal;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.steward.masking.MaskingPolicy;

/** A stored policy ready to match columns: its name rule compiled, its salt at hand. */
public record CompiledPolicy(MaskingPolicy policy, String salt, @Nullable Pattern namePattern) {

	public static CompiledPolicy of(PolicyStore.Stored s) {
		String p = s.policy().namePattern();
		return new CompiledPolicy(s.policy(), s.salt(),
				p == null ? null : Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
	}

	/** Whether the policy may apply anywhere on {@code connection}. */
	public boolean on(UUID connection) {
		return policy.connectionId() == null || policy.connectionId().equals(connection);
	}

	/**
	 * Whether it masks the column. Names compare ignoring case (masking more, never less); {@code databases} are the
	 * names the column's database may go by (the console's database, the connection's, and on engines without
	 * schemas the traced schema).
	 */
	public boolean matches(UUID connection, java.util.Collection<String> databases, String schema, String table,
			String column, @Nullable String type) {
		if (!on(connection)) {
			return false;
		}
		MaskingPolicy p = policy;
		if (p.explicit()) {
			return (p.database() == null || databases.stream().anyMatch(d -> d.equalsIgnoreCase(p.database())))
					&& (p.schema() == null || p.schema().equalsIgnoreCase(schema))
					&& p.table() != null && p.table().equalsIgnoreCase(table)
					&& p.column() != null && p.column().equalsIgnoreCase(column);
		}
		Pattern name = namePattern;
		if (name == null || !name.matcher(column).find()) {
			return false;
		}
		return p.typePattern() == null || (type != null
				&& type.toLowerCase(Locale.ROOT).contains(p.typePattern().toLowerCase(Locale.ROOT)));
	}

	public @Nullable String mask(@Nullable String value) {
		return Masks.apply(policy.mask(), value, policy.keepFirst(), policy.keepLast(), salt);
	}
}

package dev.steward.masking;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.connection.ConnectionLookup;
import dev.steward.masking.MaskingEvents.PolicyCreated;
import dev.steward.masking.MaskingEvents.PolicyDeleted;
import dev.steward.masking.MaskingEvents.PolicyUpdated;
import dev.steward.masking.MaskingEvents.RoleSettingChanged;
import dev.steward.masking.internal.PolicyStore;
import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/** Masking policies and the per-role "view unmasked" setting: ADMIN only (checked by the web layer), audited. */
@Service
public class MaskingPolicies {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MAX_NAME = 256;

	private final PolicyStore store;

	private final ConnectionLookup connections;

	private final ApplicationEventPublisher events;

	MaskingPolicies(PolicyStore store, ConnectionLookup connections, ApplicationEventPublisher events) {
		this.store = store;
		this.connections = connections;
		this.events = events;
	}

	public List<MaskingPolicy> list() {
		return store.all().stream().map(PolicyStore.Stored::policy).toList();
	}

	public MaskingPolicy get(UUID id) {
		return store.find(id).orElseThrow(() -> new NotFound("Masking policy", id)).policy();
	}

	@Transactional
	public MaskingPolicy create(PolicyDraft draft) {
		CurrentUser user = CurrentUser.require();
		MaskingPolicy p = validate(UUID.randomUUID(), draft, Instant.now(), user.username());
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		store.insert(p, HexFormat.of().formatHex(salt));
		events.publishEvent(new PolicyCreated(Actor.current(), p.id(), describe(p)));
		return p;
	}

	@Transactional
	public MaskingPolicy update(UUID id, PolicyDraft draft) {
		MaskingPolicy before = get(id);
		MaskingPolicy p = validate(id, draft, before.createdAt(), before.createdBy());
		store.update(p);
		events.publishEvent(new PolicyUpdated(Actor.current(), id, describe(before), describe(p)));
		return p;
	}

	@Transactional
	public void delete(UUID id) {
		MaskingPolicy before = get(id);
		store.delete(id);
		events.publishEvent(new PolicyDeleted(Actor.current(), id, describe(before)));
	}

	/** Per role, whether it views unmasked data. */
	public Map<Role, Boolean> roles() {
		Map<Role, Boolean> out = new LinkedHashMap<>();
		for (Role r : Role.values()) {
			out.put(r, store.viewUnmasked(r));
		}
		return out;
	}

	@Transactional
	public Map<Role, Boolean> setRole(Role role, boolean unmasked) {
		boolean before = store.viewUnmasked(role);
		store.setViewUnmasked(role, unmasked, CurrentUser.require().username());
		events.publishEvent(new RoleSettingChanged(Actor.current(), role.name(), before, unmasked));
		return roles();
	}

	static String describe(MaskingPolicy p) {
		String target = p.explicit()
				? "column " + (p.database() == null ? "*" : p.database()) + "." + (p.schema() == null ? "*" : p.schema())
						+ "." + p.table() + "." + p.column()
				: "rule name ~ /" + p.namePattern() + "/" + (p.typePattern() == null ? "" : " type ~ " + p.typePattern());
		return "'" + p.name() + "': " + target + (p.connectionId() == null ? " on every connection"
				: " on connection " + p.connectionId()) + ", mask " + p.mask() + (p.mask() == MaskKind.PARTIAL
						? " (keep " + p.keepFirst() + "/" + p.keepLast() + ")" : "");
	}

	private MaskingPolicy validate(UUID id, PolicyDraft d, Instant createdAt, String createdBy) {
		Map<String, String> errors = new LinkedHashMap<>();
		String name = text(d.name(), "name", 120, true, errors);
		String database = text(d.database(), "database", MAX_NAME, false, errors);
		String schema = text(d.schema(), "schema", MAX_NAME, false, errors);
		String table = text(d.table(), "table", MAX_NAME, false, errors);
		String column = text(d.column(), "column", MAX_NAME, false, errors);
		String namePattern = text(d.namePattern(), "namePattern", 200, false, errors);
		String typePattern = text(d.typePattern(), "typePattern", 100, false, errors);
		MaskKind mask = null;
		if (d.mask() == null) {
			errors.put("mask", "is required: one of redact, partial, hash, null, email");
		}
		else {
			try {
				mask = MaskKind.valueOf(d.mask().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				errors.put("mask", "one of redact, partial, hash, null, email");
			}
		}
		int keepFirst = d.keepFirst() == null ? 0 : d.keepFirst();
		int keepLast = d.keepLast() == null ? 0 : d.keepLast();
		if (keepFirst < 0 || keepFirst > 20) {
			errors.put("keepFirst", "between 0 and 20");
		}
		if (keepLast < 0 || keepLast > 20) {
			errors.put("keepLast", "between 0 and 20");
		}
		boolean explicit = table != null || column != null;
		if (explicit && (table == null || column == null)) {
			errors.put(table == null ? "table" : "column", "an explicit policy names both the table and the column");
		}
		if (explicit && namePattern != null) {
			errors.put("namePattern", "either an explicit column or a rule, not both");
		}
		if (explicit && d.connectionId() == null) {
			errors.put("connectionId", "an explicit column policy names its connection");
		}
		if (!explicit && namePattern == null) {
			errors.put("namePattern", "a rule needs a column name pattern (or name the table and column)");
		}
		if (!explicit && (database != null || schema != null)) {
			errors.put(database != null ? "database" : "schema", "only explicit column policies name a database or schema");
		}
		if (namePattern != null) {
			try {
				Pattern.compile(namePattern);
			}
			catch (PatternSyntaxException e) {
				errors.put("namePattern", "not a valid regular expression");
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		if (d.connectionId() != null) {
			connections.resolve(d.connectionId()); // 404 when there is no such connection
		}
		return new MaskingPolicy(id, name, d.connectionId(), database, schema, table, column, namePattern,
				typePattern, mask, keepFirst, keepLast, createdAt, createdBy);
	}

	private static @Nullable String text(@Nullable String value, String field, int max, boolean required,
			Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			if (required) {
				errors.put(field, "is required");
			}
			return null;
		}
		String v = value.strip();
		if (v.length() > max) {
			errors.put(field, "at most " + max + " characters");
		}
		else if (v.chars().anyMatch(Character::isISOControl)) {
			errors.put(field, "must not contain control characters");
		}
		return v;
	}
}

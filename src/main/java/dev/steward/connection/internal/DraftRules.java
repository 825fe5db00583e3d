package dev.steward.connection.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.connection.ConnectionDraft;
import dev.steward.engine.ConnectionInputs;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineTraits;
import dev.steward.engine.Engines;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.SslMode;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.SafeTextValidator;

/**
 * Server-side rules for what a user sends. Everything is checked before anything is stored; a failure
 * names the field. Strings are data: shell metacharacters pass, control and invisible formatting characters do not.
 */
@Component
public class DraftRules {

	/** A checked draft. {@code spec} has no password or CA yet: those follow keep/replace/clear rules. */
	public record Candidate(@Nullable String name, @Nullable String description, ConnectionSpec spec,
			@Nullable String password, boolean passwordGiven, boolean clearPassword, @Nullable String caCertificate,
			boolean caGiven, String colour, boolean active, boolean shared, List<String> tags,
			boolean browseAllDatabases) {

		@Override
		public String toString() {
			return "Candidate[" + name + ", " + spec + "]";
		}
	}

	static final int MAX_STRING = 10_000;

	static final int MAX_CA = 20_000;

	private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9 _.-]{1,40}");

	private final Engines engines;

	private final SqlitePaths sqlitePaths;

	DraftRules(Engines engines, SqlitePaths sqlitePaths) {
		this.engines = engines;
		this.sqlitePaths = sqlitePaths;
	}

	private EngineTraits traits(ConnectionSpec spec) {
		return engines.traits(spec.engine());
	}

	public Candidate check(ConnectionDraft d, boolean nameRequired) {
		Map<String, String> errors = new LinkedHashMap<>();
		text(errors, "name", d.name(), 100, false);
		text(errors, "description", d.description(), 1000, true);
		text(errors, "url", d.url(), 4000, false);
		text(errors, "engine", d.engine(), 32, false);
		text(errors, "host", d.host(), 255, false);
		text(errors, "database", d.database(), 255, false);
		text(errors, "username", d.username(), 255, false);
		text(errors, "password", d.password(), MAX_STRING, false);
		text(errors, "sslMode", d.sslMode(), 32, false);
		text(errors, "caCertificate", d.caCertificate(), MAX_CA, true);
		text(errors, "filePath", d.filePath(), 1024, false);
		text(errors, "colour", d.colour(), 7, false);
		if (d.password() != null && d.password().getBytes(StandardCharsets.UTF_8).length > 1024) {
			errors.putIfAbsent("password", "must be at most 1024 bytes");
		}
		if (nameRequired && (d.name() == null || d.name().isBlank())) {
			errors.put("name", "must not be blank");
		}
		else if (d.name() != null && d.name().isBlank()) {
			errors.putIfAbsent("name", "must not be blank");
		}
		if (d.port() != null && (d.port() < 1 || d.port() > 65535)) {
			errors.put("port", "must be between 1 and 65535");
		}
		if (d.colour() != null && !COLOUR.matcher(d.colour()).matches()) {
			errors.putIfAbsent("colour", "must look like #rrggbb");
		}
		if (Boolean.TRUE.equals(d.clearPassword()) && d.password() != null) {
			errors.put("clearPassword", "cannot be combined with a new password");
		}
		List<String> tags = tags(errors, d.tags());
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}

		ConnectionSpec spec;
		String password = d.password();
		boolean passwordGiven = d.password() != null;
		if (d.url() != null && !d.url().isBlank()) {
			Map<String, @Nullable Object> explicit = new LinkedHashMap<>();
			explicit.put("engine", d.engine());
			explicit.put("host", d.host());
			explicit.put("port", d.port());
			explicit.put("database", d.database());
			explicit.put("username", d.username());
			explicit.put("sslMode", d.sslMode());
			explicit.put("filePath", d.filePath());
			explicit.forEach((field, value) -> {
				if (value != null) {
					errors.put(field, "must be absent when url is given");
				}
			});
			if (!errors.isEmpty()) {
				throw new InvalidInput(errors);
			}
			try {
				spec = engines.parseUrl(d.url().trim());
			}
			catch (InvalidConnectionUrl e) {
				throw new InvalidInput("url", e.getMessage());
			}
			if (spec.password() != null && password == null) {
				password = spec.password();
				passwordGiven = true;
			}
			spec = spec.withPassword(null);
			if (traits(spec).fileBased()) {
				spec = withFile(spec, databaseFile(spec.engine(), spec.filePath(), "url"));
			}
			checkTextIn(spec, "url");
		}
		else {
			spec = fromFields(d, errors);
		}
		if (traits(spec).fileBased() && (passwordGiven || d.caCertificate() != null && !d.caCertificate().isEmpty())) {
			throw new InvalidInput(passwordGiven ? "password" : "caCertificate",
					"is not used by " + traits(spec).displayName());
		}
		String ca = d.caCertificate();
		boolean caGiven = ca != null;
		if (ca != null && ca.isBlank()) {
			ca = null;
		}
		if (ca != null) {
			if (!ConnectionInputs.isPemCertificate(ca)) {
				throw new InvalidInput("caCertificate", "is not a PEM X.509 certificate");
			}
		}
		return new Candidate(d.name() == null ? null : d.name().strip(), blankToNull(d.description()), spec, password,
				passwordGiven, Boolean.TRUE.equals(d.clearPassword()), ca, caGiven,
				d.colour() == null ? traits(spec).defaultColour() : d.colour().toLowerCase(Locale.ROOT),
				d.active() == null || d.active(), Boolean.TRUE.equals(d.shared()), tags,
				browseAllDatabases(spec, traits(spec), d.browseAllDatabases()));
	}

	/** Unset: only its own database when it names one. Limiting needs a database to limit to. */
	private static boolean browseAllDatabases(ConnectionSpec spec, EngineTraits traits, @Nullable Boolean asked) {
		boolean named = spec.database() != null && !spec.database().isBlank();
		if (traits.fileBased()) {
			if (Boolean.FALSE.equals(asked)) {
				throw new InvalidInput("browseAllDatabases",
						"is not used by " + traits.displayName() + " (a file is one database)");
			}
			return true;
		}
		if (asked == null) {
			return !named;
		}
		if (!asked && !named) {
			throw new InvalidInput("browseAllDatabases", "can only be false when a database is given");
		}
		return asked;
	}

	/**
	 * Engines whose drivers would otherwise log in as Steward's own OS user (PostgreSQL, MySQL/MariaDB) need a user
	 * name to test or save (parsing a URL does not).
	 */
	public void requireUsername(ConnectionDraft d, ConnectionSpec spec) {
		if (traits(spec).usernameRequired() && (spec.username() == null || spec.username().isBlank())) {
			boolean fromUrl = d.url() != null && !d.url().isBlank();
			throw new InvalidInput(fromUrl ? "url" : "username",
					fromUrl ? "names no user; a user name is required for " + spec.engine()
							: "is required for " + spec.engine());
		}
	}

	private ConnectionSpec fromFields(ConnectionDraft d, Map<String, String> errors) {
		if (d.engine() == null || d.engine().isBlank()) {
			throw new InvalidInput("engine", "is required when no url is given");
		}
		EngineKind engine = engine(d.engine());
		EngineTraits traits = engines.traits(engine);
		SslMode ssl = SslMode.DISABLE;
		if (d.sslMode() != null) {
			try {
				ssl = SslMode.valueOf(d.sslMode().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInput("sslMode", "must be one of DISABLE, REQUIRE, VERIFY_CA, VERIFY_FULL");
			}
		}
		if (traits.fileBased()) {
			for (var field : List.of(Map.entry("host", d.host() != null), Map.entry("port", d.port() != null),
					Map.entry("database", d.database() != null), Map.entry("username", d.username() != null))) {
				if (field.getValue()) {
					errors.put(field.getKey(), "is not used by " + traits.displayName());
				}
			}
			if (ssl != SslMode.DISABLE) {
				errors.put("sslMode", traits.displayName() + " files have no transport security");
			}
			if (d.filePath() == null || d.filePath().isBlank()) {
				errors.put("filePath", "is required for " + traits.displayName());
			}
			if (!errors.isEmpty()) {
				throw new InvalidInput(errors);
			}
			if (d.filePath().contains("?")) {
				throw new InvalidInput("filePath", "must not contain '?'");
			}
			String path = databaseFile(engine, d.filePath(), "filePath");
			return new ConnectionSpec(engine, null, null, null, null, null, SslMode.DISABLE, null, path, false,
					Map.of());
		}
		if (d.filePath() != null) {
			errors.put("filePath", "is only for file-based engines such as SQLite");
		}
		if (d.host() == null || d.host().isBlank()) {
			errors.put("host", "is required for " + engine);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		String host;
		try {
			host = ConnectionInputs.checkHost(d.host());
		}
		catch (InvalidConnectionUrl e) {
			throw new InvalidInput("host", e.getMessage());
		}
		return new ConnectionSpec(engine, host, d.port(), blankToNull(d.database()), blankToNull(d.username()), null,
				ssl, null, null, false, Map.of());
	}

	/** A file-based engine's database file: inside the allowed directories, and not some other kind of file. */
	private String databaseFile(EngineKind engine, @Nullable String raw, String field) {
		if (raw == null) {
			throw new InvalidInput(field, "names no file");
		}
		Path real = sqlitePaths.check(raw, field);
		engines.adapter(engine).refuseFile(real).ifPresent(problem -> {
			throw new InvalidInput(field, problem);
		});
		return real.toString();
	}

	/** One of the engines an adapter is installed for, spelled in any case. */
	private EngineKind engine(String text) {
		List<EngineKind> known = engines.adapters().stream().map(a -> a.engine()).toList();
		@Nullable EngineKind engine = null;
		try {
			engine = EngineKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			// not even shaped like an engine name: answered below like an unknown one
		}
		if (engine == null || !known.contains(engine)) {
			throw new InvalidInput("engine",
					"must be one of " + known.stream().map(EngineKind::name).collect(Collectors.joining(", ")));
		}
		return engine;
	}

	private static ConnectionSpec withFile(ConnectionSpec spec, String path) {
		return new ConnectionSpec(spec.engine(), spec.host(), spec.port(), spec.database(), spec.username(),
				spec.password(), spec.sslMode(), spec.caCertificate(), path, spec.srv(), spec.options());
	}

	/** Values that came out of a URL obey the same text rules as typed fields. */
	private static void checkTextIn(ConnectionSpec spec, String field) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<@Nullable String> values = new ArrayList<>();
		values.add(spec.host());
		values.add(spec.database());
		values.add(spec.username());
		values.add(spec.filePath());
		values.addAll(spec.options().keySet());
		values.addAll(spec.options().values());
		for (String value : values) {
			text(errors, field, value, 1024, false);
		}
		if (spec.host() != null && spec.host().length() > 255 || spec.database() != null && spec.database().length() > 255
				|| spec.username() != null && spec.username().length() > 255) {
			errors.putIfAbsent(field, "has a host, database or user name over 255 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
	}

	private static List<String> tags(Map<String, String> errors, @Nullable List<@Nullable String> raw) {
		if (raw == null) {
			return List.of();
		}
		if (raw.size() > 20) {
			errors.put("tags", "at most 20 tags");
			return List.of();
		}
		LinkedHashSet<String> tags = new LinkedHashSet<>();
		for (String tag : raw) {
			if (tag == null || !TAG.matcher(tag).matches() || tag.isBlank()) {
				errors.put("tags", "each tag is 1-40 characters of letters, digits, space, '_', '.' or '-'");
				return List.of();
			}
			tags.add(tag.strip());
		}
		return List.copyOf(tags);
	}

	/** Length and {@link dev.steward.shared.SafeText} characters; {@code multiline} allows tab and line breaks. */
	static void text(Map<String, String> errors, String field, @Nullable String value, int max, boolean multiline) {
		if (value == null) {
			return;
		}
		if (value.length() > max) {
			errors.putIfAbsent(field, "must be at most " + max + " characters");
			return;
		}
		int unsafe = SafeTextValidator.firstUnsafe(value, multiline);
		if (unsafe >= 0) {
			String reason = "must not contain control, bidirectional or invisible formatting characters";
			// where it is helps find an invisible character; a secret's shape is not echoed
			errors.putIfAbsent(field, field.equals("password") ? reason
					: String.format(Locale.ROOT, "%s (U+%04X at position %d)", reason, value.codePointAt(unsafe), unsafe));
		}
	}

	private static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s;
	}
}

package dev.steward.engine.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConnectionTestResult;
import dev.steward.engine.EngineAdapter;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineTraits;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.PoolSettings;
import dev.steward.engine.SslMode;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetHostRefused;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.Failures;
import dev.steward.engine.support.HikariTargetPool;
import dev.steward.engine.support.HostList;
import dev.steward.engine.support.OwnSessions;
import dev.steward.engine.support.HostList.HostPort;
import dev.steward.engine.support.TargetJdbc;
import dev.steward.engine.support.TempPem;
import dev.steward.engine.support.UrlParts;
import static dev.steward.engine.support.UrlParts.take;

/** PostgreSQL 12+ over pgjdbc: libpq-style URIs and JDBC URLs, tests, HikariCP pools. */
@Component
@Order(1)
public class PostgresAdapter implements EngineAdapter {

	static final int DEFAULT_PORT = 5432;

	static final int OLDEST_SUPPORTED = 120000;

	/** Query options kept from a URL (libpq name → pgjdbc property); anything else is refused. */
	private static final Map<String, String> OPTIONS = Map.of("application_name", "ApplicationName",
			"applicationname", "ApplicationName", "currentschema", "currentSchema", "options", "options",
			"target_session_attrs", "targetServerType", "targetservertype", "targetServerType");

	/** Options that only make sense to the tool that wrote the URL; dropped without complaint. */
	private static final Set<String> IGNORED = Set.of("connect_timeout", "connecttimeout", "sockettimeout",
			"logintimeout", "client_encoding", "channel_binding", "gssencmode");

	private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public PostgresAdapter(TargetAccess access) {
		this.access = access;
	}

	/** With the default bounds and host rule (tests, tools). */
	public PostgresAdapter() {
		this(TargetAccess.defaults());
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	private static final EngineTraits TRAITS = EngineTraits.networked("PostgreSQL", DEFAULT_PORT, "#336791")
		.withPoolsPerDatabase()
		.withSchemas()
		.withDumpTableFilters()
		.withParallelRestore()
		.withUsernameRequired()
		.withConsoleDialect("postgresql")
		.withUrlForms("postgresql://", "postgres://", "jdbc:postgresql:");

	@Override
	public EngineTraits traits() {
		return TRAITS;
	}

	@Override
	public @Nullable String defaultDatabase(ConnectionSpec spec) {
		return spec.username() == null ? "postgres" : spec.username();
	}

	@Override
	public Optional<ConnectionSpec> parseUrl(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		String rest;
		if (lower.startsWith("postgresql://")) {
			rest = url.substring("postgresql://".length());
		}
		else if (lower.startsWith("postgres://")) {
			rest = url.substring("postgres://".length());
		}
		else if (lower.startsWith("jdbc:postgresql://")) {
			rest = url.substring("jdbc:postgresql://".length());
		}
		else if (lower.startsWith("jdbc:postgresql:")) {
			rest = "localhost/" + url.substring("jdbc:postgresql:".length()); // jdbc:postgresql:database
		}
		else {
			return Optional.empty();
		}
		UrlParts parts = UrlParts.parse(rest);
		Map<String, String> query = new LinkedHashMap<>(parts.query());
		String user = firstNonNull(take(query, "user"), parts.user());
		String password = firstNonNull(take(query, "password"), parts.password());
		String database = firstNonNull(take(query, "dbname"), parts.path());
		String hostsText = parts.hosts();
		String queryHost = take(query, "host");
		String queryPort = take(query, "port");
		if (hostsText.isEmpty()) {
			hostsText = queryHost == null ? "localhost" : queryHost;
		}
		List<HostPort> hosts = HostList.parse(hostsText);
		if (queryPort != null && hosts.size() == 1 && hosts.getFirst().port() == null) {
			hosts = List.of(new HostPort(hosts.getFirst().host(), HostList.port(queryPort)));
		}
		SslMode ssl = sslMode(take(query, "sslmode"), take(query, "ssl"));
		Map<String, String> options = new LinkedHashMap<>();
		query.forEach((key, value) -> {
			String k = key.toLowerCase(Locale.ROOT);
			if (OPTIONS.containsKey(k)) {
				options.put(OPTIONS.get(k), value);
			}
			else if (!IGNORED.contains(k)) {
				throw new InvalidConnectionUrl("Unsupported PostgreSQL option '" + key
						+ "' (supported: sslmode, application_name, currentSchema, options, target_session_attrs)");
			}
		});
		if (database != null && database.contains("/")) {
			throw new InvalidConnectionUrl("Database name must not contain '/'");
		}
		HostPort fields = HostList.toSpecFields(hosts);
		return Optional.of(new ConnectionSpec(EngineKind.POSTGRESQL, fields.host(), fields.port(), database, user,
				password, ssl, null, null, false, options));
	}

	private static SslMode sslMode(@Nullable String sslmode, @Nullable String ssl) {
		if (sslmode == null) {
			// pgjdbc's ssl=true means verify-full
			return "true".equalsIgnoreCase(ssl) ? SslMode.VERIFY_FULL : SslMode.DISABLE;
		}
		return switch (sslmode.toLowerCase(Locale.ROOT)) {
			case "disable", "allow", "prefer" -> SslMode.DISABLE;
			case "require" -> SslMode.REQUIRE;
			case "verify-ca" -> SslMode.VERIFY_CA;
			case "verify-full" -> SslMode.VERIFY_FULL;
			default -> throw new InvalidConnectionUrl("Unknown sslmode '" + sslmode
					+ "' (expected disable, require, verify-ca or verify-full)");
		};
	}

	@Override
	public String formatUrl(ConnectionSpec spec) {
		StringBuilder b = new StringBuilder("postgresql://");
		if (spec.username() != null) {
			b.append(UrlParts.encode(spec.username())).append('@');
		}
		b.append(HostList.formatShort(HostList.of(spec.host(), spec.port())));
		if (spec.database() != null) {
			b.append('/').append(UrlParts.encode(spec.database()));
		}
		Map<String, String> query = new LinkedHashMap<>();
		if (spec.sslMode() != SslMode.DISABLE) {
			query.put("sslmode", libpqMode(spec.sslMode()));
		}
		query.putAll(spec.options());
		return b.append(UrlParts.formatQuery(query)).toString();
	}

	static String libpqMode(SslMode mode) {
		return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	String jdbcUrl(ConnectionSpec spec) {
		List<HostPort> hosts = HostList.of(spec.host(), spec.port());
		if (hosts.isEmpty()) {
			throw new InvalidConnectionUrl("A PostgreSQL connection needs a host");
		}
		return "jdbc:postgresql://" + HostList.format(hosts, DEFAULT_PORT) + "/"
				+ UrlParts.encode(spec.database() == null ? "postgres" : spec.database());
	}

	/**
	 * Driver properties; {@code timeout} bounds the TCP connect, every read of the login handshake and the login
	 * as a whole (a silent server fails as a socket timeout instead of waiting for TCP keep-alive).
	 */
	Properties properties(ConnectionSpec spec, Duration timeout, @Nullable Path caFile) {
		Properties props = new Properties();
		if (spec.username() != null) {
			props.setProperty("user", spec.username());
		}
		if (spec.password() != null) {
			props.setProperty("password", spec.password());
		}
		String seconds = String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000));
		props.setProperty("connectTimeout", seconds);
		props.setProperty("loginTimeout", seconds);
		props.setProperty("socketTimeout", seconds);
		props.setProperty("ApplicationName", "Steward");
		props.setProperty("gssEncMode", "disable");
		props.setProperty("sslmode", libpqMode(spec.sslMode()));
		if (spec.sslMode() == SslMode.VERIFY_CA || spec.sslMode() == SslMode.VERIFY_FULL) {
			if (caFile != null) {
				props.setProperty("sslrootcert", caFile.toString());
			}
			else {
				props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
			}
		}
		spec.options().forEach(props::setProperty);
		return props;
	}

	private static @Nullable Path caFile(ConnectionSpec spec) throws IOException {
		boolean verifying = spec.sslMode() == SslMode.VERIFY_CA || spec.sslMode() == SslMode.VERIFY_FULL;
		return verifying && spec.caCertificate() != null ? TempPem.write(spec.caCertificate()) : null;
	}

	@Override
	public ConnectionTestResult test(ConnectionSpec spec, Duration timeout) {
		long start = System.nanoTime();
		Path caFile = null;
		try {
			caFile = caFile(spec);
			access.check(spec);
			Properties props = properties(spec, timeout, caFile);
			try (Connection c = TargetJdbc.connect(DRIVER, jdbcUrl(spec), props, timeout)) {
				try (Statement s = c.createStatement()) {
					s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
					try (ResultSet rs = s.executeQuery(
							"SELECT current_setting('server_version_num')::int, current_setting('server_version'), version()")) {
						rs.next();
						int number = rs.getInt(1);
						String version = rs.getString(2).split(" ")[0];
						if (number < OLDEST_SUPPORTED) {
							return ConnectionTestResult.failed(millis(start), FailureCategory.UNSUPPORTED_SERVER,
									"PostgreSQL " + version + " is older than 12, the oldest version Steward supports");
						}
						return ConnectionTestResult.ok(millis(start), "PostgreSQL", version);
					}
				}
			}
		}
		catch (SQLException e) {
			return ConnectionTestResult.failed(millis(start), classify(e),
					Failures.scrub(Failures.describe(e), spec.password()));
		}
		catch (IOException | RuntimeException e) {
			FailureCategory category = e instanceof InvalidConnectionUrl || e instanceof TargetHostRefused
					? FailureCategory.INVALID_SETTINGS
					: FailureCategory.UNKNOWN;
			return ConnectionTestResult.failed(millis(start), category,
					Failures.scrub(Failures.describe(e), spec.password()));
		}
		finally {
			TempPem.deleteQuietly(caFile);
		}
	}

	/** Maps pgjdbc's SQLStates and causes to what a user can act on. */
	static FailureCategory classify(SQLException e) {
		String state = e.getSQLState() == null ? "" : e.getSQLState();
		String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
		if (state.equals("28P01") || state.equals("28000")) {
			return FailureCategory.AUTHENTICATION_FAILED;
		}
		if (state.equals("3D000")) {
			return FailureCategory.DATABASE_NOT_FOUND;
		}
		FailureCategory fromCauses = Failures.fromCauses(e);
		if (fromCauses != null) {
			return fromCauses;
		}
		if (message.contains("ssl") || message.contains("certificate")) {
			return FailureCategory.TLS_ERROR;
		}
		if (message.contains("timed out") || message.contains("timeout")) {
			return FailureCategory.TIMEOUT;
		}
		if (state.equals("0A000") && message.contains("protocol")) {
			return FailureCategory.UNSUPPORTED_SERVER;
		}
		if (state.startsWith("08")) {
			return FailureCategory.HOST_UNREACHABLE;
		}
		return FailureCategory.UNKNOWN;
	}

	@Override
	public TargetPool openPool(ConnectionSpec spec, PoolSettings settings) {
		Path caFile = null;
		try {
			caFile = caFile(spec);
			Properties props = properties(spec, access.connectTimeout(), caFile);
			// catalog statements carry their own timeouts; the read timeout is the net under them
			return HikariTargetPool.open(EngineKind.POSTGRESQL,
					OwnSessions.tracking(
							TargetJdbc.dataSource(DRIVER, jdbcUrl(spec), props, access.readTimeout(), () -> access.check(spec)),
							OwnSessions.serverKey(spec.host(), spec.port()), "SELECT pg_backend_pid()"),
					settings, caFile);
		}
		catch (IOException e) {
			TempPem.deleteQuietly(caFile);
			throw new java.io.UncheckedIOException("Could not write the CA certificate for the pool", e);
		}
		catch (RuntimeException e) {
			TempPem.deleteQuietly(caFile);
			throw e;
		}
	}

	private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
		return a != null ? a : b;
	}

	private static long millis(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}
}

package dev.steward.engine.mysql;

import static dev.steward.engine.support.UrlParts.take;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import dev.steward.engine.support.UrlParts;

/**
 * MySQL 5.7+ and MariaDB 10.3+ through the MariaDB driver. That driver (3.x) tries TLS unless told
 * otherwise, so every connection states its {@code sslMode} explicitly.
 */
@Component
@Order(2)
public class MysqlAdapter implements EngineAdapter {

	static final int DEFAULT_PORT = 3306;

	private static final List<String> SCHEMES = List.of("mysql://", "mariadb://", "jdbc:mysql://", "jdbc:mariadb://");

	/** Query options kept from a URL (lower-case name → driver property). */
	private static final Map<String, String> OPTIONS = Map.of("allowpublickeyretrieval", "allowPublicKeyRetrieval",
			"timezone", "timezone", "connectionattributes", "connectionAttributes");

	/** Connector/J and framework habits the MariaDB driver does not need; dropped without complaint. */
	private static final Set<String> IGNORED = Set.of("servertimezone", "characterencoding", "useunicode",
			"autoreconnect", "uselegacydatetimecode", "zerodatetimebehavior", "connecttimeout", "sockettimeout",
			"verifyservercertificate", "requiressl", "usejdbccomplianttimezoneshift", "rewritebatchedstatements");

	private static final Pattern VERSION = Pattern.compile("(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)\\.(\\d+)");

	private static final org.mariadb.jdbc.Driver DRIVER = new org.mariadb.jdbc.Driver();

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public MysqlAdapter(TargetAccess access) {
		this.access = access;
	}

	/** With the default bounds and host rule (tests, tools). */
	public MysqlAdapter() {
		this(TargetAccess.defaults());
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	private static final EngineTraits TRAITS = EngineTraits.networked("MySQL / MariaDB", DEFAULT_PORT, "#00758f")
		.withDumpTableFilters()
		.withUsernameRequired()
		.withConsoleDialect("mysql")
		.withUrlForms("mysql://", "mariadb://", "jdbc:mysql://", "jdbc:mariadb://");

	@Override
	public EngineTraits traits() {
		return TRAITS;
	}

	@Override
	public Optional<ConnectionSpec> parseUrl(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		String scheme = SCHEMES.stream().filter(lower::startsWith).findFirst().orElse(null);
		if (scheme == null) {
			if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
				throw new InvalidConnectionUrl(
						"Only single-server URLs are supported (jdbc:mysql://host:port/db); no failover or replication modes");
			}
			return Optional.empty();
		}
		UrlParts parts = UrlParts.parse(url.substring(scheme.length()));
		Map<String, String> query = new LinkedHashMap<>(parts.query());
		String user = firstNonNull(take(query, "user"), parts.user());
		String password = firstNonNull(take(query, "password"), parts.password());
		if (parts.hosts().isEmpty()) {
			throw new InvalidConnectionUrl("A MySQL/MariaDB URL needs a host");
		}
		List<HostPort> hosts = HostList.parse(parts.hosts());
		SslMode ssl = sslMode(query);
		Map<String, String> options = new LinkedHashMap<>();
		query.forEach((key, value) -> {
			String k = key.toLowerCase(Locale.ROOT);
			if (OPTIONS.containsKey(k)) {
				options.put(OPTIONS.get(k), value);
			}
			else if (!IGNORED.contains(k)) {
				throw new InvalidConnectionUrl("Unsupported MySQL/MariaDB option '" + key
						+ "' (supported: sslMode/ssl-mode, useSSL, allowPublicKeyRetrieval, timezone)");
			}
		});
		String database = parts.path();
		if (database != null && database.contains("/")) {
			throw new InvalidConnectionUrl("Database name must not contain '/'");
		}
		HostPort fields = HostList.toSpecFields(hosts);
		return Optional.of(new ConnectionSpec(EngineKind.MYSQL, fields.host(), fields.port(), database, user,
				password, ssl, null, null, false, options));
	}

	/** Understands the MariaDB driver's, Connector/J's and the mysql client's spellings. */
	private static SslMode sslMode(Map<String, String> query) {
		String mode = firstNonNull(take(query, "sslMode"), take(query, "ssl-mode"));
		String useSsl = firstNonNull(take(query, "useSSL"), take(query, "ssl"));
		if (mode == null) {
			return "true".equalsIgnoreCase(useSsl) ? SslMode.REQUIRE : SslMode.DISABLE;
		}
		return switch (mode.toLowerCase(Locale.ROOT).replace('_', '-')) {
			case "disable", "disabled", "preferred" -> SslMode.DISABLE;
			case "trust", "require", "required" -> SslMode.REQUIRE;
			case "verify-ca" -> SslMode.VERIFY_CA;
			case "verify-full", "verify-identity" -> SslMode.VERIFY_FULL;
			default -> throw new InvalidConnectionUrl("Unknown sslMode '" + mode
					+ "' (expected disable, trust/required, verify-ca or verify-full/verify_identity)");
		};
	}

	@Override
	public String formatUrl(ConnectionSpec spec) {
		StringBuilder b = new StringBuilder("mysql://");
		if (spec.username() != null) {
			b.append(UrlParts.encode(spec.username())).append('@');
		}
		b.append(HostList.formatShort(HostList.of(spec.host(), spec.port())));
		if (spec.database() != null) {
			b.append('/').append(UrlParts.encode(spec.database()));
		}
		Map<String, String> query = new LinkedHashMap<>();
		if (spec.sslMode() != SslMode.DISABLE) {
			query.put("ssl-mode", switch (spec.sslMode()) {
				case REQUIRE -> "REQUIRED";
				case VERIFY_CA -> "VERIFY_CA";
				default -> "VERIFY_IDENTITY";
			});
		}
		query.putAll(spec.options());
		return b.append(UrlParts.formatQuery(query)).toString();
	}

	/**
	 * Hosts only: the driver does not decode percent-escapes in the URL's database, so names travel as
	 * properties ({@link #properties}) and reach the server exactly as typed.
	 */
	static String jdbcUrl(ConnectionSpec spec) {
		List<HostPort> hosts = HostList.of(spec.host(), spec.port());
		if (hosts.isEmpty()) {
			throw new InvalidConnectionUrl("A MySQL/MariaDB connection needs a host");
		}
		String prefix = hosts.size() > 1 ? "jdbc:mariadb:sequential://" : "jdbc:mariadb://";
		return prefix + HostList.format(hosts, DEFAULT_PORT) + "/";
	}

	/**
	 * Driver properties: user and database by name (never URL text), TLS stated explicitly, and {@code timeout}
	 * bounding the TCP connect and every read of the handshake.
	 */
	static Properties properties(ConnectionSpec spec, @Nullable String database, Duration timeout) {
		Properties props = new Properties();
		if (spec.username() != null) {
			props.setProperty("user", spec.username());
		}
		if (spec.password() != null) {
			props.setProperty("password", spec.password());
		}
		if (database != null) {
			props.setProperty("database", database);
		}
		props.setProperty("connectTimeout", String.valueOf(Math.max(1, timeout.toMillis())));
		props.setProperty("socketTimeout", String.valueOf(Math.max(1, timeout.toMillis())));
		props.setProperty("sslMode", switch (spec.sslMode()) {
			case DISABLE -> "disable";
			case REQUIRE -> "trust";
			case VERIFY_CA -> "verify-ca";
			case VERIFY_FULL -> "verify-full";
		});
		if (spec.sslMode() != SslMode.DISABLE && spec.sslMode() != SslMode.REQUIRE && spec.caCertificate() != null) {
			props.setProperty("serverSslCert", spec.caCertificate()); // the driver takes PEM text as is
		}
		// visible in performance_schema.session_connect_attrs where that is on
		props.setProperty("connectionAttributes", "program_name:Steward");
		spec.options().forEach(props::setProperty);
		return props;
	}

	@Override
	public ConnectionTestResult test(ConnectionSpec spec, Duration timeout) {
		long start = System.nanoTime();
		try {
			access.check(spec);
		}
		catch (TargetHostRefused e) {
			return ConnectionTestResult.failed(millis(start), FailureCategory.INVALID_SETTINGS, e.getMessage());
		}
		try (Connection c = TargetJdbc.connect(DRIVER, jdbcUrl(spec), properties(spec, spec.database(), timeout),
				timeout)) {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
				rs.next();
				ServerVersion version = ServerVersion.parse(rs.getString(1));
				if (!version.supported()) {
					return ConnectionTestResult.failed(millis(start), FailureCategory.UNSUPPORTED_SERVER,
							version.product() + " " + version.version() + " is older than "
									+ (version.mariadb() ? "10.3" : "5.7") + ", the oldest version Steward supports");
				}
				return ConnectionTestResult.ok(millis(start), version.product(), version.version());
			}
		}
		catch (SQLException e) {
			return ConnectionTestResult.failed(millis(start), classify(e),
					Failures.scrub(Failures.describe(e), spec.password()));
		}
		catch (RuntimeException e) {
			FailureCategory category = e instanceof InvalidConnectionUrl ? FailureCategory.INVALID_SETTINGS
					: FailureCategory.UNKNOWN;
			return ConnectionTestResult.failed(millis(start), category,
					Failures.scrub(Failures.describe(e), spec.password()));
		}
	}

	/** A server's {@code VERSION()} string, read as product and number. */
	record ServerVersion(String product, String version, boolean mariadb, int major, int minor) {

		static ServerVersion parse(String raw) {
			boolean mariadb = raw.toLowerCase(Locale.ROOT).contains("mariadb");
			Matcher m = VERSION.matcher(raw);
			if (!m.find()) {
				return new ServerVersion(mariadb ? "MariaDB" : "MySQL", raw, mariadb, 0, 0);
			}
			String number = m.group(1) + "." + m.group(2) + "." + m.group(3);
			return new ServerVersion(mariadb ? "MariaDB" : "MySQL", number, mariadb, Integer.parseInt(m.group(1)),
					Integer.parseInt(m.group(2)));
		}

		boolean supported() {
			int[] oldest = mariadb ? new int[] { 10, 3 } : new int[] { 5, 7 };
			return major > oldest[0] || (major == oldest[0] && minor >= oldest[1]);
		}
	}

	/** Maps server error codes (1045, 1049 …) and causes to what a user can act on. */
	static FailureCategory classify(SQLException e) {
		int code = e.getErrorCode();
		String state = e.getSQLState() == null ? "" : e.getSQLState();
		String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
		if (code == 1045 || code == 1044 || code == 1698 || code == 1251 || state.equals("28000")) {
			return code == 1251 ? FailureCategory.UNSUPPORTED_SERVER : FailureCategory.AUTHENTICATION_FAILED;
		}
		if (code == 1049) {
			return FailureCategory.DATABASE_NOT_FOUND;
		}
		FailureCategory fromCauses = Failures.fromCauses(e);
		if (fromCauses != null) {
			return fromCauses;
		}
		if (message.contains("ssl") || message.contains("tls") || message.contains("certificate")) {
			return FailureCategory.TLS_ERROR;
		}
		if (message.contains("timed out") || message.contains("timeout")) {
			return FailureCategory.TIMEOUT;
		}
		if (message.contains("unknown host") || message.contains("connection refused")) {
			return FailureCategory.HOST_UNREACHABLE;
		}
		if (state.startsWith("08")) {
			return FailureCategory.HOST_UNREACHABLE;
		}
		return FailureCategory.UNKNOWN;
	}

	@Override
	public TargetPool openPool(ConnectionSpec spec, PoolSettings settings) {
		// catalog statements carry their own timeouts; the read timeout is the net under them
		// each physical connection's thread id is recorded, so session control never ends Steward's own
		return HikariTargetPool.open(EngineKind.MYSQL, OwnSessions.tracking(TargetJdbc.dataSource(DRIVER, jdbcUrl(spec),
				properties(spec, spec.database(), access.connectTimeout()), access.readTimeout(),
				() -> access.check(spec)), OwnSessions.serverKey(spec.host(), spec.port()), "SELECT CONNECTION_ID()"),
				settings);
	}

	private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
		return a != null ? a : b;
	}

	private static long millis(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}
}

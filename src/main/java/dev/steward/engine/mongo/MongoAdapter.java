package dev.steward.engine.mongo;

import static dev.steward.engine.support.UrlParts.take;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ClusterDescriptionChangedEvent;
import com.mongodb.event.ClusterListener;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConnectionTestResult;
import dev.steward.engine.DdlLanguage;
import dev.steward.engine.DumpConsistency;
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
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.support.Failures;
import dev.steward.engine.support.HostList;
import dev.steward.engine.support.HostList.HostPort;
import dev.steward.engine.support.MongoTargetPool;
import dev.steward.engine.support.TempPem;
import dev.steward.engine.support.UrlParts;

/** MongoDB through the sync driver; its client is the pool. */
@Component
@Order(4)
public class MongoAdapter implements EngineAdapter {

	static final int DEFAULT_PORT = 27017;

	/** Options kept from a URL and handed back to the driver (lower-case → driver spelling). */
	private static final Map<String, String> OPTIONS = Map.of("authsource", "authSource", "authmechanism",
			"authMechanism", "replicaset", "replicaSet", "directconnection", "directConnection", "appname", "appName",
			"readpreference", "readPreference", "retrywrites", "retryWrites", "retryreads", "retryReads", "w", "w",
			"loadbalanced", "loadBalanced");

	private static final List<String> MECHANISMS = List.of("SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN");

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public MongoAdapter(TargetAccess access) {
		this.access = access;
	}

	/** With the default bounds and host rule (tests, tools). */
	public MongoAdapter() {
		this(TargetAccess.defaults());
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	private static final EngineTraits TRAITS = EngineTraits.networked("MongoDB", DEFAULT_PORT, "#4db33d")
		.withDdl(DdlLanguage.JSON)
		.withConsoleDialect("mongodb-shell")
		.withDumpConsistency(DumpConsistency.LOGICAL)
		.withUrlForms("mongodb://", "mongodb+srv://");

	@Override
	public EngineTraits traits() {
		return TRAITS;
	}

	@Override
	public Optional<ConnectionSpec> parseUrl(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		boolean srv = lower.startsWith("mongodb+srv://");
		if (!srv && !lower.startsWith("mongodb://")) {
			return Optional.empty();
		}
		UrlParts parts = UrlParts.parse(url.substring(srv ? "mongodb+srv://".length() : "mongodb://".length()));
		if (parts.hosts().isEmpty()) {
			throw new InvalidConnectionUrl("A MongoDB URL needs at least one host");
		}
		List<HostPort> hosts = HostList.parse(parts.hosts());
		if (srv && (hosts.size() != 1 || hosts.getFirst().port() != null)) {
			throw new InvalidConnectionUrl("mongodb+srv:// takes exactly one host name and no port");
		}
		Map<String, String> query = new LinkedHashMap<>(parts.query());
		SslMode ssl = sslMode(query, srv);
		Map<String, String> options = new LinkedHashMap<>();
		query.forEach((key, value) -> {
			String k = key.toLowerCase(Locale.ROOT);
			if (!OPTIONS.containsKey(k)) {
				throw new InvalidConnectionUrl("Unsupported MongoDB option '" + key + "' (supported: tls/ssl, "
						+ "tlsInsecure, tlsAllowInvalidHostnames, " + String.join(", ", OPTIONS.values()) + ")");
			}
			options.put(OPTIONS.get(k), value);
		});
		String mechanism = options.get("authMechanism");
		if (mechanism != null && !MECHANISMS.contains(mechanism.toUpperCase(Locale.ROOT))) {
			throw new InvalidConnectionUrl("Unsupported authMechanism '" + mechanism + "' (supported: "
					+ String.join(", ", MECHANISMS) + ")");
		}
		String database = parts.path();
		if (database != null && (database.contains("/") || database.contains("."))) {
			throw new InvalidConnectionUrl("MongoDB database names cannot contain '/' or '.'");
		}
		HostPort fields = HostList.toSpecFields(hosts);
		return Optional.of(new ConnectionSpec(EngineKind.MONGODB, fields.host(), fields.port(), database, parts.user(),
				parts.password(), ssl, null, null, srv, options));
	}

	private static SslMode sslMode(Map<String, String> query, boolean srv) {
		String tls = take(query, "tls");
		String ssl = take(query, "ssl");
		String insecure = take(query, "tlsInsecure");
		String invalidCerts = take(query, "tlsAllowInvalidCertificates");
		String invalidHosts = take(query, "tlsAllowInvalidHostnames");
		boolean enabled = tls != null ? Boolean.parseBoolean(tls) : ssl != null ? Boolean.parseBoolean(ssl) : srv;
		if (!enabled) {
			return SslMode.DISABLE;
		}
		if ("true".equalsIgnoreCase(insecure) || "true".equalsIgnoreCase(invalidCerts)) {
			return SslMode.REQUIRE;
		}
		return "true".equalsIgnoreCase(invalidHosts) ? SslMode.VERIFY_CA : SslMode.VERIFY_FULL;
	}

	@Override
	public String formatUrl(ConnectionSpec spec) {
		StringBuilder b = new StringBuilder(spec.srv() ? "mongodb+srv://" : "mongodb://");
		if (spec.username() != null) {
			b.append(UrlParts.encode(spec.username())).append('@');
		}
		b.append(HostList.formatShort(HostList.of(spec.host(), spec.port())));
		b.append('/');
		if (spec.database() != null) {
			b.append(UrlParts.encode(spec.database()));
		}
		Map<String, String> query = new LinkedHashMap<>();
		switch (spec.sslMode()) {
			case DISABLE -> {
				if (spec.srv()) {
					query.put("tls", "false");
				}
			}
			case REQUIRE -> {
				query.put("tls", "true");
				query.put("tlsInsecure", "true");
			}
			case VERIFY_CA -> {
				query.put("tls", "true");
				query.put("tlsAllowInvalidHostnames", "true");
			}
			case VERIFY_FULL -> query.put("tls", "true");
		}
		query.putAll(spec.options());
		return b.append(UrlParts.formatQuery(query)).toString();
	}

	/** Driver settings from a spec; the password goes into a credential, never into a connection string. */
	MongoClientSettings settings(ConnectionSpec spec, Duration connectTimeout, @Nullable Duration readTimeout,
			int maxPoolSize, @Nullable ClusterListener listener) throws GeneralSecurityException, IOException {
		List<HostPort> hosts = HostList.of(spec.host(), spec.port());
		if (hosts.isEmpty()) {
			throw new InvalidConnectionUrl("A MongoDB connection needs a host");
		}
		Map<String, String> passThrough = new LinkedHashMap<>(spec.options());
		String authSource = passThrough.remove("authSource");
		String mechanism = passThrough.remove("authMechanism");
		String hostText = spec.srv() ? hosts.getFirst().host() : HostList.format(hosts, DEFAULT_PORT);
		String cs = (spec.srv() ? "mongodb+srv://" : "mongodb://") + hostText + "/"
				+ UrlParts.formatQuery(passThrough);
		MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(new ConnectionString(cs));
		if (spec.username() != null) {
			String source = authSource != null ? authSource : spec.database() != null ? spec.database() : "admin";
			char[] password = spec.password() == null ? new char[0] : spec.password().toCharArray();
			MongoCredential credential = mechanism == null
					? MongoCredential.createCredential(spec.username(), source, password)
					: switch (mechanism.toUpperCase(Locale.ROOT)) {
						case "SCRAM-SHA-1" -> MongoCredential.createScramSha1Credential(spec.username(), source, password);
						case "SCRAM-SHA-256" -> MongoCredential.createScramSha256Credential(spec.username(), source,
								password);
						case "PLAIN" -> MongoCredential.createPlainCredential(spec.username(), source, password);
						default -> throw new InvalidConnectionUrl("Unsupported authMechanism " + mechanism);
					};
			b.credential(credential);
		}
		long connectMillis = Math.max(1, connectTimeout.toMillis());
		b.applyToClusterSettings(c -> {
			c.serverSelectionTimeout(connectMillis, TimeUnit.MILLISECONDS);
			if (listener != null) {
				c.addClusterListener(listener);
			}
		});
		b.applyToSocketSettings(s -> {
			s.connectTimeout((int) connectMillis, TimeUnit.MILLISECONDS);
			if (readTimeout != null) {
				s.readTimeout((int) Math.max(1, readTimeout.toMillis()), TimeUnit.MILLISECONDS);
			}
		});
		b.applyToServerSettings(s -> s.heartbeatFrequency(Math.max(500, connectMillis), TimeUnit.MILLISECONDS));
		// every address the driver connects to (seed list, SRV members, replica set peers) obeys the host rule
		b.inetAddressResolver(host -> access.hosts().resolveOrUnknown(host));
		b.applyToConnectionPoolSettings(p -> p.maxSize(Math.max(1, maxPoolSize)).minSize(0));
		SSLContext context = switch (spec.sslMode()) {
			case DISABLE -> null;
			case REQUIRE -> TempPem.trustingAnything();
			case VERIFY_CA, VERIFY_FULL -> TempPem.trusting(spec.caCertificate());
		};
		b.applyToSslSettings(s -> s.enabled(context != null)
			.invalidHostNameAllowed(spec.sslMode() == SslMode.REQUIRE || spec.sslMode() == SslMode.VERIFY_CA)
			.context(context));
		b.applicationName("Steward");
		return b.build();
	}

	@Override
	public ConnectionTestResult test(ConnectionSpec spec, Duration timeout) {
		long start = System.nanoTime();
		FirstProblem problems = new FirstProblem();
		try {
			access.check(spec);
		}
		catch (TargetHostRefused e) {
			return ConnectionTestResult.failed(millis(start), FailureCategory.INVALID_SETTINGS, e.getMessage());
		}
		try (MongoClient client = MongoClients.create(settings(spec, timeout, timeout, 1, problems))) {
			Document build = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
			Object version = build.get("version");
			return ConnectionTestResult.ok(millis(start), "MongoDB", version == null ? "unknown" : version.toString());
		}
		catch (MongoException e) {
			Throwable seen = problems.first.get();
			FailureCategory category = classify(e, seen);
			String message = e instanceof MongoTimeoutException && seen != null
					? Failures.describe(seen) : Failures.describe(e);
			return ConnectionTestResult.failed(millis(start), category, Failures.scrub(message, spec.password()));
		}
		catch (GeneralSecurityException | IOException | RuntimeException e) {
			FailureCategory category = e instanceof InvalidConnectionUrl || e instanceof IllegalArgumentException
					? FailureCategory.INVALID_SETTINGS
					: e instanceof GeneralSecurityException ? FailureCategory.TLS_ERROR : FailureCategory.UNKNOWN;
			return ConnectionTestResult.failed(millis(start), category,
					Failures.scrub(Failures.describe(e), spec.password()));
		}
	}

	/**
	 * Server selection timeouts hide the real reason (refused, bad password, TLS) inside the cluster state;
	 * {@code seen} is the first error the driver's monitor reported.
	 */
	static FailureCategory classify(MongoException e, @Nullable Throwable seen) {
		if (e instanceof MongoIncompatibleDriverException) {
			return FailureCategory.UNSUPPORTED_SERVER;
		}
		if (e instanceof MongoTimeoutException && seen != null) {
			if (seen instanceof MongoException inner && !(seen instanceof MongoTimeoutException)) {
				return classify(inner, null);
			}
			FailureCategory fromCauses = Failures.fromCauses(seen);
			return fromCauses != null ? fromCauses : FailureCategory.TIMEOUT;
		}
		if (e instanceof MongoSecurityException) {
			FailureCategory fromCauses = Failures.fromCauses(e);
			return fromCauses != null ? fromCauses : FailureCategory.AUTHENTICATION_FAILED;
		}
		if (e instanceof MongoCommandException command && (command.getErrorCode() == 18 || command.getErrorCode() == 13)) {
			return FailureCategory.AUTHENTICATION_FAILED;
		}
		if (e instanceof MongoSocketReadTimeoutException || e instanceof MongoTimeoutException) {
			return FailureCategory.TIMEOUT;
		}
		FailureCategory fromCauses = Failures.fromCauses(e);
		if (fromCauses != null) {
			return fromCauses;
		}
		String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("wire version") || message.contains("incompatible")) {
			return FailureCategory.UNSUPPORTED_SERVER;
		}
		if (e instanceof com.mongodb.MongoSocketException) {
			return FailureCategory.HOST_UNREACHABLE;
		}
		return FailureCategory.UNKNOWN;
	}

	/** Remembers the first connection error the driver's server monitor saw. */
	static final class FirstProblem implements ClusterListener {

		final AtomicReference<@Nullable Throwable> first = new AtomicReference<>();

		@Override
		public void clusterDescriptionChanged(ClusterDescriptionChangedEvent event) {
			ClusterDescription cluster = event.getNewDescription();
			if (cluster.getSrvResolutionException() != null) {
				first.compareAndSet(null, cluster.getSrvResolutionException());
			}
			for (ServerDescription server : cluster.getServerDescriptions()) {
				if (server.getException() != null) {
					first.compareAndSet(null, server.getException());
				}
			}
		}
	}

	@Override
	public TargetPool openPool(ConnectionSpec spec, PoolSettings settings) {
		try {
			// catalog commands carry maxTime; the read timeout is the net under them
			MongoClientSettings clientSettings = settings(spec, access.connectTimeout(), access.readTimeout(),
					settings.maxSize(), null);
			MongoClient client = MongoClients.create(MongoClientSettings.builder(clientSettings)
				.applyToConnectionPoolSettings(p -> p.maxConnectionIdleTime(settings.idleTimeout().toMillis(),
						TimeUnit.MILLISECONDS))
				.build());
			return new Pool(client, spec.database());
		}
		catch (GeneralSecurityException | IOException e) {
			throw new IllegalStateException("Could not set up TLS for MongoDB: " + e.getMessage(), e);
		}
	}

	/**
	 * A client of its own for a dump or restore (closing it is how an abort stops a blocked read): server
	 * selection and connects bounded by the connect timeout, no socket read timeout: a slow collection scan is
	 * not an error, the backup's stall watchdog decides.
	 */
	MongoClient dedicatedClient(ConnectionSpec spec) {
		access.check(spec);
		try {
			return MongoClients.create(settings(spec, access.connectTimeout(), null, 2, null));
		}
		catch (GeneralSecurityException | IOException e) {
			throw new IllegalStateException("Could not set up TLS for MongoDB: " + e.getMessage(), e);
		}
	}

	/**
	 * A driver failure as {@link TargetUnreachable} when it means the server could not be reached (server
	 * selection timed out, the socket failed), else what {@code otherwise} makes of it.
	 */
	static RuntimeException failure(MongoException e, ConnectionSpec spec,
			java.util.function.Function<MongoException, RuntimeException> otherwise) {
		String where = HostList.formatShort(HostList.of(spec.host(), spec.port()));
		if (e instanceof MongoTimeoutException) {
			// the driver's own message is a dump of its cluster state; say what it means
			return new TargetUnreachable(FailureCategory.TIMEOUT,
					"No MongoDB server at " + where + " answered within the connect timeout", e);
		}
		if (e instanceof com.mongodb.MongoSocketException) {
			FailureCategory category = classify(e, null);
			return new TargetUnreachable(category == FailureCategory.TIMEOUT ? category : FailureCategory.HOST_UNREACHABLE,
					"Cannot reach the MongoDB server at " + where + ": " + Failures.scrub(e.getMessage(), spec.password()), e);
		}
		return otherwise.apply(e);
	}

	private record Pool(MongoClient client, @Nullable String database) implements MongoTargetPool {

		@Override
		public EngineKind engine() {
			return EngineKind.MONGODB;
		}

		@Override
		public void close() {
			client.close();
		}
	}

	private static long millis(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}
}

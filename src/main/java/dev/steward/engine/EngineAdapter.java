package dev.steward.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The base capability every engine has: understand its URLs, connect, test, and pool connections. */
public interface EngineAdapter extends EngineCapability {

	/** What this engine is and can do; features and the web app read these flags instead of its name. */
	EngineTraits traits();

	/** e.g. "PostgreSQL"; for the UI. */
	default String displayName() {
		return traits().displayName();
	}

	/** 0 when the engine is not networked. */
	default int defaultPort() {
		return traits().defaultPort();
	}

	/**
	 * The database a connection that names none reaches (PostgreSQL: the user's; SQLite: {@code main});
	 * null where the engine has no such default.
	 */
	default @Nullable String defaultDatabase(ConnectionSpec spec) {
		return null;
	}

	/**
	 * Parses a connection string this engine owns ({@code postgresql://…}, a JDBC URL, a SQLite path …);
	 * empty if the string is not for this engine; {@link InvalidConnectionUrl} if it is but malformed.
	 */
	Optional<ConnectionSpec> parseUrl(String url);

	/**
	 * For file-based engines, when a connection is registered: why the existing file at {@code file} (a real,
	 * confined path) cannot be one of this engine's databases; empty if it can be, or if nothing is there yet.
	 */
	default Optional<String> refuseFile(Path file) {
		return Optional.empty();
	}

	/** The connection string for a spec, without the password; the inverse of {@link #parseUrl}. */
	String formatUrl(ConnectionSpec spec);

	/**
	 * Connects once, runs a trivial round trip and reports server product and version. Must honour the
	 * timeout at driver level (connect and socket timeouts); must not throw for connection failures.
	 */
	ConnectionTestResult test(ConnectionSpec spec, Duration timeout);

	/** A bounded pool of connections to the target; the caller owns it and must close it. */
	TargetPool openPool(ConnectionSpec spec, PoolSettings settings);
}

package dev.steward.engine.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConnectionTestResult;
import dev.steward.engine.EngineAdapter;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineTraits;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.PoolSettings;
import dev.steward.engine.SslMode;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.Failures;
import dev.steward.engine.support.HikariTargetPool;
import dev.steward.engine.support.UrlParts;

/**
 * SQLite files through sqlite-jdbc. Steward only opens databases that exist: the driver is told not to
 * create files, and the file must start with SQLite's 16-byte header.
 */
@Component
@Order(3)
public class SqliteAdapter implements EngineAdapter {

	static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	private static final EngineTraits TRAITS = EngineTraits.fileBased("SQLite", "#0f80cc")
		.withConsoleDialect("sqlite")
		.withUrlForms("a SQLite file path", "jdbc:sqlite:", "sqlite://", "file:");

	@Override
	public EngineTraits traits() {
		return TRAITS;
	}

	@Override
	public @Nullable String defaultDatabase(ConnectionSpec spec) {
		return "main";
	}

	@Override
	public Optional<ConnectionSpec> parseUrl(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		String path;
		if (lower.startsWith("jdbc:sqlite:")) {
			String rest = url.substring("jdbc:sqlite:".length());
			path = rest.toLowerCase(Locale.ROOT).startsWith("file:") ? fileUri(rest) : rest;
		}
		else if (lower.startsWith("sqlite://")) {
			path = UrlParts.decode(url.substring("sqlite://".length()));
		}
		else if (lower.startsWith("file:")) {
			path = fileUri(url);
		}
		else if (url.startsWith("/")) {
			path = url;
		}
		else {
			return Optional.empty();
		}
		if (path.contains("?")) {
			throw new InvalidConnectionUrl("SQLite connection strings take no options");
		}
		if (path.isEmpty() || path.equals(":memory:") || path.startsWith(":resource:")) {
			throw new InvalidConnectionUrl("A SQLite connection needs the path of a database file");
		}
		if (!path.startsWith("/")) {
			throw new InvalidConnectionUrl("The SQLite file path must be absolute");
		}
		try {
			path = Path.of(path).normalize().toString();
		}
		catch (InvalidPathException e) {
			throw new InvalidConnectionUrl("Not a valid file path: " + e.getReason());
		}
		return Optional.of(new ConnectionSpec(EngineKind.SQLITE, null, null, null, null, null, SslMode.DISABLE, null,
				path, false, Map.of()));
	}

	/** {@code file:/a/b}, {@code file:///a/b} (percent-decoded); a {@code file://host/} form is refused. */
	private static String fileUri(String uri) {
		String rest = uri.substring("file:".length());
		if (rest.startsWith("//")) {
			rest = rest.substring(2);
			if (!rest.startsWith("/")) {
				throw new InvalidConnectionUrl("file: URLs must name a local absolute path (file:///path)");
			}
		}
		return UrlParts.decode(rest);
	}

	@Override
	public String formatUrl(ConnectionSpec spec) {
		return "jdbc:sqlite:" + spec.filePath();
	}

	@Override
	public ConnectionTestResult test(ConnectionSpec spec, Duration timeout) {
		long start = System.nanoTime();
		String filePath = spec.filePath();
		if (filePath == null || filePath.isBlank()) {
			return ConnectionTestResult.failed(millis(start), FailureCategory.INVALID_SETTINGS,
					"A SQLite connection needs a file path");
		}
		Path file = Path.of(filePath);
		if (!Files.exists(file)) {
			return ConnectionTestResult.failed(millis(start), FailureCategory.DATABASE_NOT_FOUND,
					"No file at " + filePath);
		}
		String problem = notADatabase(file);
		if (problem != null) {
			return ConnectionTestResult.failed(millis(start), FailureCategory.INVALID_SETTINGS, problem);
		}
		try (Connection c = dataSource(file, timeout).getConnection();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select sqlite_version()")) {
			rs.next();
			return ConnectionTestResult.ok(millis(start), "SQLite", rs.getString(1));
		}
		catch (SQLException e) {
			String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
			FailureCategory category = message.contains("busy") || message.contains("locked")
					? FailureCategory.TIMEOUT
					: message.contains("cantopen") || message.contains("unable to open") ? FailureCategory.DATABASE_NOT_FOUND
							: message.contains("notadb") || message.contains("not a database")
									? FailureCategory.INVALID_SETTINGS : FailureCategory.UNKNOWN;
			return ConnectionTestResult.failed(millis(start), category, Failures.describe(e));
		}
	}

	@Override
	public Optional<String> refuseFile(Path file) {
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.of("is not a regular file");
		}
		byte[] head = new byte[HEADER.length];
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, HEADER)) {
				return Optional.of("is an existing file that is not a SQLite database");
			}
		}
		catch (IOException e) {
			return Optional.of("cannot be read by Steward");
		}
		return Optional.empty();
	}

	/** Why the file is not a SQLite database, or null if it looks like one. */
	static @org.jspecify.annotations.Nullable String notADatabase(Path file) {
		if (!Files.isRegularFile(file)) {
			return file + " is not a regular file";
		}
		if (!Files.isReadable(file)) {
			return file + " is not readable by Steward";
		}
		byte[] head = new byte[HEADER.length];
		try (InputStream in = Files.newInputStream(file)) {
			if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, HEADER)) {
				return file + " is not a SQLite database";
			}
		}
		catch (IOException e) {
			return "Cannot read " + file + ": " + e.getMessage();
		}
		return null;
	}

	/** Read-write, never create: a typo in the path must not leave an empty database behind. */
	static SQLiteDataSource dataSource(Path file, Duration busyTimeout) {
		SQLiteConfig config = new SQLiteConfig();
		config.resetOpenMode(SQLiteOpenMode.CREATE);
		config.setOpenMode(SQLiteOpenMode.READWRITE);
		config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
		SQLiteDataSource source = new SQLiteDataSource(config);
		source.setUrl("jdbc:sqlite:" + file);
		return source;
	}

	@Override
	public TargetPool openPool(ConnectionSpec spec, PoolSettings settings) {
		if (spec.filePath() == null) {
			throw new InvalidConnectionUrl("A SQLite connection needs a file path");
		}
		return HikariTargetPool.open(EngineKind.SQLITE, dataSource(Path.of(spec.filePath()), settings.connectTimeout()),
				settings);
	}

	private static long millis(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}
}

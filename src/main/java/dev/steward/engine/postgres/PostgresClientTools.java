package dev.steward.engine.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.steward.engine.ToolUnavailable;

/**
 * Finds PostgreSQL client binaries (pg_dump, pg_restore) and picks the one that fits a server: the same
 * major version if installed, else the newest newer one. An older client cannot dump a newer server, so
 * that case is refused up front, naming both versions and how to install the right client. Looks in the
 * configured directories ({@code steward.engine.postgres.client-dirs}), Debian's versioned
 * {@code /usr/lib/postgresql/<major>/bin}, and {@code PATH}.
 */
@Component
public class PostgresClientTools {

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

	/** One installed client: its bin directory, major version and full version string. */
	public record Client(Path binDir, int major, String version) {

		public Path tool(String name) {
			return binDir.resolve(name);
		}
	}

	private final List<Path> configuredDirs;

	private final Path debianRoot;

	private volatile @Nullable List<Client> discovered;

	@org.springframework.beans.factory.annotation.Autowired
	public PostgresClientTools(@Value("${steward.engine.postgres.client-dirs:}") List<String> configuredDirs) {
		this(configuredDirs.stream().filter(s -> !s.isBlank()).map(Path::of).toList(), Path.of("/usr/lib/postgresql"));
	}

	PostgresClientTools(List<Path> configuredDirs, Path debianRoot) {
		this.configuredDirs = List.copyOf(configuredDirs);
		this.debianRoot = debianRoot;
	}

	/** The client to use against a server of this major version; {@link ToolUnavailable} if none fits. */
	public Client forServer(int serverMajor, String serverVersion) {
		Optional<Client> found = choose(clients(), serverMajor);
		if (found.isEmpty()) {
			// something may have been installed since the last look
			discovered = null;
			found = choose(clients(), serverMajor);
		}
		return found.orElseThrow(() -> refusal(clients(), serverMajor, serverVersion));
	}

	/** The newest client installed (for reading archives, where the server does not matter). */
	public Client newest() {
		return clients().stream().max(Comparator.comparingInt(Client::major))
			.orElseThrow(() -> new ToolUnavailable("No PostgreSQL client tools (pg_dump, pg_restore) were found. "
					+ "Install them (Debian/Ubuntu: apt-get install postgresql-client) or set steward.engine.postgres.client-dirs."));
	}

	/** Same major if present, else the newest newer one; never an older one. */
	static Optional<Client> choose(List<Client> clients, int serverMajor) {
		Optional<Client> same = clients.stream().filter(c -> c.major() == serverMajor).findFirst();
		if (same.isPresent()) {
			return same;
		}
		return clients.stream().filter(c -> c.major() > serverMajor).max(Comparator.comparingInt(Client::major));
	}

	static ToolUnavailable refusal(List<Client> clients, int serverMajor, String serverVersion) {
		String install = " Install the matching client (Debian/Ubuntu: apt-get install postgresql-client-" + serverMajor
				+ ", from the PostgreSQL apt repository) or add its bin directory to steward.engine.postgres.client-dirs.";
		if (clients.isEmpty()) {
			return new ToolUnavailable("No PostgreSQL client tools (pg_dump, pg_restore) were found for the server's version "
					+ serverVersion + "." + install);
		}
		Client newest = clients.stream().max(Comparator.comparingInt(Client::major)).orElseThrow();
		return new ToolUnavailable("The PostgreSQL server runs version " + serverVersion + ", but the newest pg_dump Steward found is "
				+ newest.version() + " (" + newest.binDir() + "). pg_dump and pg_restore cannot work with a server newer than "
				+ "themselves, so Steward will not try." + install);
	}

	public List<Client> clients() {
		List<Client> known = discovered;
		if (known == null) {
			known = discover();
			discovered = known;
		}
		return known;
	}

	private List<Client> discover() {
		List<Path> dirs = new ArrayList<>(configuredDirs);
		if (Files.isDirectory(debianRoot)) {
			try (Stream<Path> versions = Files.list(debianRoot)) {
				versions.sorted(Comparator.reverseOrder()).forEach(v -> dirs.add(v.resolve("bin")));
			}
			catch (IOException ignored) {
				// unreadable: the other places still count
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String entry : path.split(":")) {
				if (!entry.isBlank()) {
					dirs.add(Path.of(entry));
				}
			}
		}
		Map<Path, Client> byRealPath = new LinkedHashMap<>();
		for (Path dir : dirs) {
			Path dump = dir.resolve("pg_dump");
			if (!Files.isExecutable(dump) || !Files.isExecutable(dir.resolve("pg_restore"))) {
				continue;
			}
			try {
				Path real = dump.toRealPath();
				if (byRealPath.containsKey(real)) {
					continue;
				}
				Client client = probe(dir);
				if (client != null && byRealPath.values().stream().noneMatch(c -> c.major() == client.major())) {
					byRealPath.put(real, client);
				}
			}
			catch (IOException ignored) {
				// a dangling link: skip it
			}
		}
		return List.copyOf(byRealPath.values());
	}

	private static @Nullable Client probe(Path dir) {
		try {
			Process p = new ProcessBuilder(dir.resolve("pg_dump").toString(), "--version").redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes());
			if (!p.waitFor(10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return null;
			}
			return parse(dir, out);
		}
		catch (IOException e) {
			return null;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	static @Nullable Client parse(Path dir, String versionOutput) {
		Matcher m = VERSION.matcher(versionOutput);
		if (!m.find()) {
			return null;
		}
		String version = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
		return new Client(dir, Integer.parseInt(m.group(1)), version);
	}
}

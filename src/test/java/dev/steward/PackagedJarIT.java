package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.test.ScratchDatabases;

/**
 * The jar a user runs, started as the README and the start-up benchmark start it ({@code java -jar}), after
 * {@code package}: it runs with the bean definitions generated at build time ({@code process-aot}), where bean
 * conditions were decided at build time — so this checks the packaged application itself, on the embedded store
 * and on a PostgreSQL store: it starts, logs in, lists the sample connection and browses it.
 */
class PackagedJarIT {

	private static final String PASSWORD = "packaged-jar-check-1";

	@TempDir
	Path work;

	@Test
	void startsAheadOfTimeProcessedOnTheEmbeddedStore() throws Exception {
		runAndBrowse(Map.of());
	}

	@Test
	void startsAheadOfTimeProcessedOnAPostgresStore() throws Exception {
		try (var store = ScratchDatabases.postgres("steward_jar_store")) {
			runAndBrowse(Map.of("STEWARD_DB_URL", store.jdbcUrl(), "STEWARD_DB_USER", store.user(),
					"STEWARD_DB_PASSWORD", store.password()));
		}
	}

	private void runAndBrowse(Map<String, String> storeSettings) throws Exception {
		Path jar = Path.of(System.getProperty("steward.jar", "target/steward-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the packaged jar").exists();
		int port = freePort();
		Path log = work.resolve("steward.log");
		ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toAbsolutePath().toString())
			.directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		start.environment().putAll(Map.of("STEWARD_PORT", String.valueOf(port), "STEWARD_DATA_DIR",
				work.resolve("data").toString(), "STEWARD_ADMIN_PASSWORD", PASSWORD));
		start.environment().putAll(storeSettings);
		Process steward = start.start();
		try {
			String base = "http://127.0.0.1:" + port;
			CookieManager cookies = new CookieManager();
			HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
				.connectTimeout(Duration.ofSeconds(5)).build();
			awaitReady(http, base, steward, log);
			assertThat(Files.readString(log)).contains("Starting AOT-processed StewardApplication");

			get(http, base + "/api/auth/csrf");
			String csrf = cookies.getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
			HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
				.header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

			HttpResponse<String> connections = get(http, base + "/api/connections");
			assertThat(connections.statusCode()).isEqualTo(200);
			assertThat(connections.body()).contains("Chinook (sample)");
			String id = connections.body().replaceAll("(?s)^\\[\\{\"id\":\"([0-9a-f-]+)\".*", "$1");
			HttpResponse<String> objects = get(http,
					base + "/api/connections/" + id + "/catalog/objects?database=main&schema=main");
			assertThat(objects.statusCode()).as(objects.body()).isEqualTo(200);
			assertThat(objects.body()).contains("Album");
		}
		finally {
			steward.destroy();
			if (!steward.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				steward.destroyForcibly();
			}
		}
	}

	private static void awaitReady(HttpClient http, String base, Process steward, Path log) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			assertThat(steward.isAlive()).as("Steward exited early:%n%s", tail(log)).isTrue();
			try {
				if (get(http, base + "/actuator/health/readiness").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Steward was not ready within 3 minutes:\n" + tail(log));
	}

	private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String tail(Path log) throws IOException {
		var lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

package dev.steward.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Downloads of damaged or missing artefacts: what can be checked before the status line is a problem body;
 * damage found later cuts the connection, so no client ever takes a truncated or altered file for a whole one.
 */
@IntegrationTest
class BackupDownloadIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private TestApi api;

	private String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeEach
	void setUp() {
		api = TestApi.admin(port);
		token = api.post("/api/tokens", "{\"name\":\"downloads\"}").json().get("token").asString();
		logged.start();
		root.addAppender(logged);
	}

	@AfterEach
	void tearDown() {
		root.detachAppender(logged);
	}

	@Test
	void aMissingArtefactIsA404ProblemNamingBackupStorageAndFile() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("dl_missing")) {
			Backup backup = backup(source, 1_000);
			Files.delete(backup.artefact());
			for (String raw : new String[] { "", "?raw=true" }) {
				HttpResponse<String> r = download(backup, raw, HttpResponse.BodyHandlers.ofString());
				assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
				assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
						t -> assertThat(t).startsWith("application/problem+json"));
				JsonNode problem = TestApi.JSON.readTree(r.body());
				assertThat(problem.get("type").asString()).endsWith("/backup-artefact-missing");
				assertThat(problem.get("detail").asString()).contains(backup.id(), "storage local", backup.fileName(),
						"does not exist");
			}
		}
		assertNoStackTraceLogged();
	}

	@Test
	void aDamagedHeaderOrAnUnknownKeyIsAProblemBeforeAnyByteIsSent() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("dl_header")) {
			Backup backup = backup(source, 1_000);
			byte[] original = Files.readAllBytes(backup.artefact());
			int keyIdAt = 6 + 3;
			int saltAt = keyIdAt + backup.keyId().length();
			record Damage(String what, int position, int status, String type, String detail) {
			}
			for (Damage damage : new Damage[] {
					new Damage("the format marker", 0, 422, "backup-damaged", "not start with the format's marker"),
					new Damage("the format version", 6, 422, "backup-damaged", "format version"),
					new Damage("the key id", keyIdAt + backup.keyId().length() - 1, 409, "backup-key-unavailable",
							"which this Steward does not have"),
					new Damage("the salt", saltAt + 3, 409, "backup-key-unavailable", "header is damaged"),
					new Damage("the first chunk", original.length - 20, 422, "backup-damaged", "chunk 0") }) {
				byte[] damaged = original.clone();
				damaged[damage.position()] ^= 0x01;
				Files.write(backup.artefact(), damaged);
				for (String raw : new String[] { "", "?raw=true" }) {
					if (!raw.isEmpty() && damage.what().equals("the first chunk")) {
						continue; // a raw download does not decrypt; its checksum catches this (see the next test)
					}
					HttpResponse<String> r = download(backup, raw, HttpResponse.BodyHandlers.ofString());
					assertThat(r.statusCode()).as(damage.what() + raw + ": " + r.body()).isEqualTo(damage.status());
					assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
							t -> assertThat(t).startsWith("application/problem+json"));
					JsonNode problem = TestApi.JSON.readTree(r.body());
					assertThat(problem.get("type").asString()).endsWith("/" + damage.type());
					assertThat(problem.get("detail").asString()).as(damage.what()).contains(damage.detail())
						.contains(backup.id());
				}
			}
			Files.write(backup.artefact(), original);
			assertThat(download(backup, "", HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
		}
		assertNoStackTraceLogged();
	}

	@Test
	void damageInTheMiddleOfALargeArtefactFailsTheTransferInsteadOfEndingItCleanly() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("dl_middle")) {
			Backup backup = backup(source, 60_000);
			byte[] original = Files.readAllBytes(backup.artefact());
			assertThat(original.length).as("several 1 MiB chunks").isGreaterThan(3 << 20);

			HttpResponse<byte[]> whole = download(backup, "?raw=true", HttpResponse.BodyHandlers.ofByteArray());
			assertThat(whole.statusCode()).isEqualTo(200);
			assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(original.length);
			assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole.body())))
				.isEqualTo(backup.checksum());
			HttpResponse<byte[]> plain = download(backup, "", HttpResponse.BodyHandlers.ofByteArray());
			assertThat(plain.statusCode()).isEqualTo(200);
			assertThat(new String(plain.body(), 0, 5)).isEqualTo("PGDMP");

			byte[] damaged = original.clone();
			damaged[original.length / 2] ^= 0x01;
			Files.write(backup.artefact(), damaged);
			for (String raw : new String[] { "", "?raw=true" }) {
				// the status line is long gone when the damage is read: the only honest signal left is a transfer
				// that does not complete (no final chunk, or fewer bytes than Content-Length)
				assertThatThrownBy(() -> download(backup, raw, HttpResponse.BodyHandlers.ofByteArray()))
					.as("download" + raw).isInstanceOf(IOException.class);
			}

			// the last byte of a raw artefact: only the checksum can tell, after everything else was sent
			damaged = original.clone();
			damaged[original.length - 1] ^= 0x01;
			Files.write(backup.artefact(), damaged);
			assertThatThrownBy(() -> download(backup, "?raw=true", HttpResponse.BodyHandlers.ofByteArray()))
				.isInstanceOf(IOException.class);
			Files.write(backup.artefact(), original);
			assertThat(download(backup, "?raw=true", HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(original);
		}
		assertThat(logged.list).as("a damaged download is a warning, not an error with a stack trace")
			.anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("cut off"))
			.noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null);
	}

	record Backup(String id, String fileName, String keyId, String checksum, Path artefact) {
	}

	/** A PostgreSQL backup whose table holds {@code rows} × 64 incompressible bytes. */
	private Backup backup(ScratchDatabases.Scratch source, int rows) {
		ScratchDatabases.exec(source.jdbcUrl(), source.user(), source.password(),
				"CREATE TABLE noise AS SELECT g AS id, sha512(g::text::bytea) || sha512((g + 1)::text::bytea) AS bytes "
						+ "FROM generate_series(1, " + rows + ") g");
		String connection = BackupsIntegrationTests.createConnection(api, "dl " + source.name(),
				"postgresql://postgres@127.0.0.1:5432/" + source.name());
		JsonNode done = BackupsIntegrationTests.awaitFinished(api,
				BackupsIntegrationTests.start(api, connection, "FULL").get("id").asString());
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
		assertThat(done.get("encrypted").asBoolean()).isTrue();
		Path artefact = dataDir.resolve("backups").resolve(connection).resolve(done.get("fileName").asString());
		assertThat(artefact).exists();
		return new Backup(done.get("id").asString(), done.get("fileName").asString(), done.get("keyId").asString(),
				done.get("checksum").asString(), artefact);
	}

	private <T> HttpResponse<T> download(Backup backup, String query, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/backups/" + backup.id()
				+ "/download" + query)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).build(),
				body);
	}

	private void assertNoStackTraceLogged() {
		assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null);
	}
}

package dev.steward.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConnectionTestResult;
import dev.steward.engine.DdlLanguage;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.EngineAdapter;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineTraits;
import dev.steward.engine.PoolSettings;
import dev.steward.engine.TargetPool;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Adding an engine is one adapter bean: a fifth, fake engine registered through the SPI is listed with its flags,
 * and a connection to it is checked by those flags and stored and read back under its name, with nothing else
 * in Steward knowing it.
 */
@IntegrationTest
@Import(EngineRegistrationIntegrationTests.FakeEngine.class)
// a context of its own (it has a fifth engine): closed after this class instead of cached beside the shared one
@DirtiesContext
class EngineRegistrationIntegrationTests {

	static final EngineKind FAKE = EngineKind.valueOf("FAKEDB");

	@TestConfiguration(proxyBeanMethods = false)
	static class FakeEngine {

		@Bean
		EngineAdapter fakeEngineAdapter() {
			return new EngineAdapter() {

				@Override
				public EngineKind engine() {
					return FAKE;
				}

				@Override
				public EngineTraits traits() {
					return EngineTraits.networked("Fake DB", 7777, "#123abc").withSchemas()
						.withDumpTableFilters()
						.withDdl(DdlLanguage.JSON)
						.withConsoleDialect("fake")
						.withDumpConsistency(DumpConsistency.LOGICAL)
						.withUrlForms("fakedb://");
				}

				@Override
				public Optional<ConnectionSpec> parseUrl(String url) {
					return Optional.empty();
				}

				@Override
				public String formatUrl(ConnectionSpec spec) {
					return "fakedb://" + spec.host() + (spec.port() == null ? "" : ":" + spec.port());
				}

				@Override
				public ConnectionTestResult test(ConnectionSpec spec, Duration timeout) {
					throw new UnsupportedOperationException("a fake engine has no server");
				}

				@Override
				public TargetPool openPool(ConnectionSpec spec, PoolSettings settings) {
					throw new UnsupportedOperationException("a fake engine has no server");
				}
			};
		}
	}

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void aFifthEngineIsListedWithItsFlagsAfterTheBuiltInOnes() {
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi.Response r = viewer.get("/api/connections/engines");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<String> names = r.json().valueStream().map(e -> e.get("engine").asString()).toList();
		assertThat(names).containsExactly("POSTGRESQL", "MYSQL", "SQLITE", "MONGODB", "FAKEDB");

		JsonNode fake = r.json().get(4);
		assertThat(fake.get("displayName").asString()).isEqualTo("Fake DB");
		assertThat(fake.get("defaultPort").asInt()).isEqualTo(7777);
		assertThat(fake.get("defaultColour").asString()).isEqualTo("#123abc");
		assertThat(fake.get("networked").asBoolean()).isTrue();
		assertThat(fake.get("fileBased").asBoolean()).isFalse();
		assertThat(fake.get("poolsPerDatabase").asBoolean()).isFalse();
		assertThat(fake.get("schemas").asBoolean()).isTrue();
		assertThat(fake.get("dumpTableFilters").asBoolean()).isTrue();
		assertThat(fake.get("parallelRestore").asBoolean()).isFalse();
		assertThat(fake.get("usernameRequired").asBoolean()).isFalse();
		assertThat(fake.get("ddlLanguage").asString()).isEqualTo("JSON");
		assertThat(fake.get("consoleDialect").asString()).isEqualTo("fake");
		assertThat(fake.get("dumpConsistency").asString()).isEqualTo("LOGICAL");
		assertThat(fake.get("urlForms").valueStream().map(JsonNode::asString)).containsExactly("fakedb://");
		// the engines' URL forms make the hint for a string nobody understands, the fifth's included
		TestApi.Response unknown = TestUsers.create(port, "OPERATOR").login(port)
			.post("/api/connections/parse-url", "{\"url\":\"nosuch://x\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("postgresql://").contains("a SQLite file path").contains("fakedb://");
	}

	@Test
	void theBuiltInEnginesPublishWhatTheyCanDo() {
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		JsonNode engines = viewer.get("/api/connections/engines").json();
		JsonNode postgres = engines.get(0);
		JsonNode sqlite = engines.get(2);
		assertThat(postgres.get("poolsPerDatabase").asBoolean()).isTrue();
		assertThat(postgres.get("parallelRestore").asBoolean()).isTrue();
		assertThat(postgres.get("dumpTableFilters").asBoolean()).isTrue();
		assertThat(sqlite.get("fileBased").asBoolean()).isTrue();
		assertThat(sqlite.get("defaultPort").asInt()).isZero();
		assertThat(sqlite.get("parallelRestore").asBoolean()).isFalse();
		assertThat(sqlite.get("dumpTableFilters").asBoolean()).isFalse();
		assertThat(engines.get(3).get("ddlLanguage").asString()).isEqualTo("JSON");
		assertThat(engines.valueStream().map(e -> e.get("consoleDialect").asString()))
			.startsWith("postgresql", "mysql", "sqlite", "mongodb-shell");
		assertThat(engines.valueStream().map(e -> e.get("defaultColour").asString()))
			.startsWith("#336791", "#00758f", "#0f80cc", "#4db33d");
	}

	@Test
	void aConnectionToTheFifthEngineIsCheckedByItsFlagsAndStoredUnderItsName() {
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		TestApi.Response created = operator.post("/api/connections",
				ConnectionTesting.json().put("name", "fake one").put("engine", "fakedb").put("host", "db.example")
					.toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		JsonNode read = operator.get("/api/connections/" + id).json();
		assertThat(read.get("engine").asString()).isEqualTo("FAKEDB");
		assertThat(read.get("colour").asString()).isEqualTo("#123abc");
		assertThat(operator.get("/api/connections?engine=FAKEDB").json().valueStream()
			.map(c -> c.get("id").asString())).contains(id);
		assertThat(operator.post("/api/connections",
				ConnectionTesting.json().put("name", "nobody").put("engine", "NOSUCHDB").put("host", "h").toString())
			.status()).isEqualTo(400);
		assertThat(operator.delete("/api/connections/" + id).status()).isEqualTo(204);
	}

	@Test
	void aFileBasedEnginesAdapterRefusesAFileThatIsNotOneOfItsDatabases() throws Exception {
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		Path text = Files.writeString(dataDir.resolve("sqlite/notes-" + UUID.randomUUID() + ".sqlite"), "not a database");
		try {
			TestApi.Response r = operator.post("/api/connections", ConnectionTesting.json().put("name", "notes")
				.put("engine", "SQLITE").put("filePath", text.toString()).toString());
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body()).contains("filePath").contains("not a SQLite database");
			TestApi.Response viaUrl = operator.post("/api/connections",
					ConnectionTesting.json().put("name", "notes").put("url", text.toString()).toString());
			assertThat(viaUrl.status()).isEqualTo(400);
			assertThat(viaUrl.body()).contains("url").contains("not a SQLite database");
		}
		finally {
			Files.deleteIfExists(text);
		}
	}
}

package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * The web app's API types are generated from {@code web/openapi.json}; this keeps that file equal to what the
 * server really publishes. After an API change run the test with {@code -Dsteward.openapi.update=true} and
 * commit the new file (the web build regenerates the TypeScript types from it).
 */
@IntegrationTest
class OpenApiDocumentIntegrationTests {

	static final Path COMMITTED = Path.of("web/openapi.json");

	@LocalServerPort
	int port;

	@Test
	void committedDocumentMatchesTheLiveOne() throws Exception {
		TestApi.Response live = TestApi.admin(port).get("/v3/api-docs");
		assertThat(live.status()).isEqualTo(200);
		JsonNode liveDoc = TestApi.JSON.readTree(live.body());
		// the server URL carries the random test port; it is not part of the contract
		((tools.jackson.databind.node.ObjectNode) liveDoc).remove("servers");
		if (Boolean.getBoolean("steward.openapi.update")) {
			Files.writeString(COMMITTED, TestApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(liveDoc) + "\n");
		}
		assertThat(COMMITTED).as("web/openapi.json (regenerate with -Dsteward.openapi.update=true)").exists();
		JsonNode committed = TestApi.JSON.readTree(Files.readString(COMMITTED));
		assertThat(committed)
			.as("web/openapi.json is stale: run the test with -Dsteward.openapi.update=true and commit it")
			.isEqualTo(liveDoc);
	}
}

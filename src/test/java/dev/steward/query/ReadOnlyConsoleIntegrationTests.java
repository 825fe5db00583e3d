package dev.steward.query;

import static dev.steward.query.ConsoleTargets.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.query.ConsoleTargets.Kind;
import dev.steward.query.ConsoleTargets.Target;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Read-only console sessions hold at the database whatever the user's SQL does to its transactions, and still let
 * the user hold a (read-only) transaction of their own between runs.
 */
@IntegrationTest
class ReadOnlyConsoleIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void aMariaDbReadWriteTransactionCannotLiftReadOnly() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		try (Target target = ConsoleTargets.create(admin, Kind.MARIADB, dataDir, false, true)) {
			run(admin, target, "CREATE TABLE guarded (id INT); INSERT INTO guarded VALUES (1), (2)", null);
			JsonNode begun = run(viewer, target, "START TRANSACTION READ WRITE", null);
			String session = begun.get("sessionId").asString();
			JsonNode deleted = run(viewer, target, "DELETE FROM guarded", session);
			run(viewer, target, "COMMIT", session);
			assertThat(target.count("guarded")).as(deleted.toString()).isEqualTo(2);
			assertThat(deleted.get("status").asString()).isEqualTo("FAILED");

			// the same in one script, and through autocommit off with a one-shot READ WRITE
			JsonNode script = run(viewer, target, "SET SESSION TRANSACTION READ WRITE;\nSTART TRANSACTION READ WRITE;\n"
					+ "DELETE FROM guarded;\nCOMMIT", session);
			assertThat(script.get("status").asString()).isEqualTo("FAILED");
			run(viewer, target, "SET autocommit = 0", session);
			run(viewer, target, "SET TRANSACTION READ WRITE", session);
			run(viewer, target, "DELETE FROM guarded", session);
			run(viewer, target, "COMMIT", session);
			assertThat(target.count("guarded")).isEqualTo(2);

			// a read-only transaction of the user's own holds between runs
			JsonNode fresh = run(viewer, target, "START TRANSACTION", null);
			String tx = fresh.get("sessionId").asString();
			JsonNode read = run(viewer, target, "SELECT COUNT(*) FROM guarded", tx);
			assertThat(read.get("inTransaction").asBoolean()).isTrue();
			assertThat(read.get("results").get(0).get("rows").get(0).get(0).asString()).isEqualTo("2");
			assertThat(run(viewer, target, "COMMIT", tx).get("inTransaction").asBoolean()).isFalse();
		}
	}

	@Test
	void aPostgresReadOnlySessionHoldsTheUsersTransactionButNotItsWrites() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		try (Target target = ConsoleTargets.create(admin, Kind.POSTGRESQL, dataDir, false, true)) {
			run(admin, target, "CREATE TABLE guarded (id INT); INSERT INTO guarded VALUES (1), (2)", null);
			JsonNode begun = run(viewer, target, "BEGIN", null);
			assertThat(begun.get("status").asString()).as(begun.toString()).isEqualTo("COMPLETED");
			assertThat(begun.get("inTransaction").asBoolean()).as(begun.toString()).isTrue();
			String session = begun.get("sessionId").asString();
			JsonNode read = run(viewer, target, "SELECT COUNT(*) FROM guarded", session);
			assertThat(read.get("inTransaction").asBoolean()).isTrue();
			JsonNode committed = run(viewer, target, "COMMIT", session);
			assertThat(committed.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(committed.get("inTransaction").asBoolean()).isFalse();

			// lifting read-only inside the user's transaction is refused or undone; nothing is written
			run(viewer, target, "BEGIN", session);
			JsonNode lifted = run(viewer, target, "SET transaction_read_only = off", session);
			JsonNode delete = run(viewer, target, "DELETE FROM guarded", session);
			run(viewer, target, "COMMIT", session);
			assertThat(target.count("guarded")).as(lifted + " / " + delete).isEqualTo(2);
			assertThat(delete.get("status").asString()).isEqualTo("FAILED");
			for (String lift : new String[] { "BEGIN READ WRITE", "SET default_transaction_read_only = off",
					"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE" }) {
				run(viewer, target, lift, session);
				JsonNode again = run(viewer, target, "DELETE FROM guarded", session);
				run(viewer, target, "COMMIT", session);
				assertThat(target.count("guarded")).as(lift + ": " + again).isEqualTo(2);
			}
		}
	}
}

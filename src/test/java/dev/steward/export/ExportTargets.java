package dev.steward.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/** Registering scratch databases and running exports to their end through the API. */
final class ExportTargets {

	private ExportTargets() {
	}

	static String postgres(TestApi owner, Scratch db, boolean shared) {
		return create(owner, TestApi.JSON.createObjectNode().put("name", "export pg " + UUID.randomUUID())
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name())
			.put("shared", shared).toString());
	}

	static String mariadb(TestApi owner, Scratch db) {
		return create(owner, TestApi.JSON.createObjectNode().put("name", "export my " + UUID.randomUUID())
			.put("url", "mariadb://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/" + db.name())
			.put("shared", false).toString());
	}

	static String create(TestApi owner, String body) {
		TestApi.Response created = owner.post("/api/connections", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** Starts an export (202) and answers the job's id. */
	static String start(TestApi api, String connectionId, String body) {
		TestApi.Response r = api.post("/api/connections/" + connectionId + "/exports", body);
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		assertThat(r.json().get("kind").asString()).isEqualTo("EXPORT");
		return r.json().get("id").asString();
	}

	/** Runs the export to COMPLETED and answers the finished job. */
	static JsonNode complete(TestApi api, String connectionId, String body) {
		JsonNode job = JobsTesting.awaitJob(api, start(api, connectionId, body));
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
		return job;
	}

	static byte[] download(TestApi api, String jobId) {
		HttpResponse<byte[]> r = api.getBytes("/api/exports/" + jobId + "/download");
		assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
		return r.body();
	}

	static String text(TestApi api, String jobId) {
		return new String(download(api, jobId), StandardCharsets.UTF_8);
	}
}

package dev.steward.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** Restores and verifications run as jobs: start one, wait for its end, read its result. */
public final class JobsTesting {

	private JobsTesting() {
	}

	/** The job's final state (a JobView) once it is COMPLETED, FAILED or CANCELLED. */
	public static JsonNode awaitJob(TestApi api, String jobId) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
			TestApi.Response r = api.get("/api/jobs/" + jobId);
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			last[0] = r.json();
			String status = last[0].get("status").asString();
			return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
		});
		return last[0];
	}

	/** A finished job's reason code, or "" when it completed. */
	public static String reason(JsonNode job) {
		JsonNode failure = job.get("failure");
		return failure == null || failure.isNull() ? "" : failure.get("reason").asString();
	}

	public static String message(JsonNode job) {
		JsonNode failure = job.get("failure");
		return failure == null || failure.isNull() ? "" : failure.get("message").asString();
	}

	/** Starts a verification (202 with the job), waits for it, and answers what it found: the job and its VerifyResult. */
	public static Finished verify(TestApi api, String backupId, boolean testRestore) {
		TestApi.Response started = api.post("/api/backups/" + backupId + "/verify",
				"{\"testRestore\":" + testRestore + "}");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		JsonNode job = awaitJob(api, started.json().get("id").asString());
		TestApi.Response result = api.get("/api/backups/" + backupId + "/verifications/" + job.get("id").asString());
		return new Finished(job, result.status() == 200 ? result.json() : null);
	}

	/** Starts a restore (202 with the job) and waits for it; the result is the RestoreResult when it completed. */
	public static Finished restore(TestApi api, String backupId, String body) {
		TestApi.Response started = api.post("/api/backups/" + backupId + "/restore", body);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		JsonNode job = awaitJob(api, started.json().get("id").asString());
		TestApi.Response result = api.get("/api/backups/" + backupId + "/restores/" + job.get("id").asString());
		return new Finished(job, result.status() == 200 ? result.json() : null);
	}

	/** A finished job and, when it stored one, its typed result. */
	public record Finished(JsonNode job, JsonNode result) {

		public String status() {
			return job.get("status").asString();
		}

		public String reason() {
			return JobsTesting.reason(job);
		}

		public String message() {
			return JobsTesting.message(job);
		}
	}
}

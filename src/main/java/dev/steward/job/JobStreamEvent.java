package dev.steward.job;

/**
 * One Server-Sent Event of {@code GET /api/jobs/{id}/events}. The SSE event name is {@code type} in lower case:
 * one {@code progress} at once and then whenever the phase or progress moves, then exactly one {@code finished}
 * holding the final state, after which the stream ends.
 */
public record JobStreamEvent(Type type, JobView job) {

	public enum Type {
		PROGRESS, FINISHED
	}
}

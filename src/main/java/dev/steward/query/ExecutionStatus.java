package dev.steward.query;

/** Where an execution is: RUNNING until its last statement ends, then one of the three ends, once. */
public enum ExecutionStatus {
	RUNNING, COMPLETED, FAILED, CANCELLED
}

package dev.steward.recovery;

/** The WAL archiver of one server: starting, streaming, stopped on purpose, or failed (and being restarted). */
public enum ArchiverState {
	STARTING, RUNNING, STOPPED, FAILED
}

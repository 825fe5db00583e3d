package dev.steward.engine;

/** Why a connection attempt failed, in words a user can act on. */
public enum FailureCategory {
	HOST_UNREACHABLE, TIMEOUT, AUTHENTICATION_FAILED, DATABASE_NOT_FOUND, TLS_ERROR, UNSUPPORTED_SERVER,
	INVALID_SETTINGS, UNKNOWN
}

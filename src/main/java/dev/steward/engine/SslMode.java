package dev.steward.engine;

/** Transport security to a target, the same four levels for every network engine. */
public enum SslMode {
	/** plain text */
	DISABLE,
	/** encrypted, certificate not checked */
	REQUIRE,
	/** encrypted, certificate chain checked against the CA certificate (or the JVM's trust store) */
	VERIFY_CA,
	/** as VERIFY_CA, and the host name must match the certificate */
	VERIFY_FULL
}

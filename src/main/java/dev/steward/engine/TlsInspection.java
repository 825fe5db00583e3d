package dev.steward.engine;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Reading the certificate chain a target presents, for expiry alerts: one time-bounded TLS handshake, nothing sent
 * after it, the chain taken whether or not it would be trusted (an expired or self-signed one is exactly what must be
 * seen). Engines that negotiate TLS inside their own protocol (PostgreSQL's SSLRequest) do that negotiation here.
 */
public interface TlsInspection extends EngineCapability {

	/**
	 * The server's chain, leaf first. {@link TargetUnreachable} (category {@link FailureCategory#TLS_ERROR} when the
	 * server refuses TLS) if it cannot be read within {@code timeout}; {@link TargetHostRefused} for a host the
	 * host rule forbids.
	 */
	List<X509Certificate> serverCertificates(ConnectionSpec spec, Duration timeout);
}

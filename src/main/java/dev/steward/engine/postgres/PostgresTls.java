package dev.steward.engine.postgres;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.TlsInspection;
import dev.steward.engine.support.TlsChains;

/**
 * PostgreSQL's chain: the protocol's SSLRequest (length 8, code 80877103), the server's one-byte answer ('S' or
 * 'N'), then a TLS handshake on the same socket. No credential and no query is sent.
 */
@Component
class PostgresTls implements TlsInspection {

	private static final int SSL_REQUEST_CODE = 80877103;

	private final TargetAccess access;

	PostgresTls(TargetAccess access) {
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public List<X509Certificate> serverCertificates(ConnectionSpec spec, Duration timeout) {
		return TlsChains.read(access, spec, 5432, timeout, plain -> {
			DataOutputStream out = new DataOutputStream(plain.getOutputStream());
			out.writeInt(8);
			out.writeInt(SSL_REQUEST_CODE);
			out.flush();
			int answer = new DataInputStream(plain.getInputStream()).read();
			if (answer != 'S') {
				throw new TargetUnreachable(FailureCategory.TLS_ERROR, "The server does not offer TLS", null);
			}
		});
	}
}

package dev.steward.engine.postgres;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.TlsInspection;
import dev.steward.engine.support.HostList;

/**
 * PostgreSQL's chain: the protocol's SSLRequest (length 8, code 80877103), the server's one-byte answer ('S' or
 * 'N'), then a TLS handshake on the same socket. The chain is only read, never trusted for anything: no credential
 * and no query is sent, the socket closes after the handshake. Connect, answer and handshake share one deadline.
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
		access.hosts().check(spec);
		HostList.HostPort first = HostList.of(spec.host(), spec.port()).getFirst();
		int port = first.port() == null ? 5432 : first.port();
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress(first.host(), port), millis);
			plain.setSoTimeout(millis);
			DataOutputStream out = new DataOutputStream(plain.getOutputStream());
			out.writeInt(8);
			out.writeInt(SSL_REQUEST_CODE);
			out.flush();
			int answer = new DataInputStream(plain.getInputStream()).read();
			if (answer != 'S') {
				throw new TargetUnreachable(FailureCategory.TLS_ERROR, "The server does not offer TLS", null);
			}
			try (SSLSocket tls = (SSLSocket) readOnlyContext().getSocketFactory()
				.createSocket(plain, first.host(), port, false)) {
				tls.setSoTimeout(millis);
				tls.startHandshake();
				List<X509Certificate> chain = new ArrayList<>();
				for (Certificate c : tls.getSession().getPeerCertificates()) {
					if (c instanceof X509Certificate x) {
						chain.add(x);
					}
				}
				return chain;
			}
		}
		catch (SocketTimeoutException e) {
			throw new TargetUnreachable(FailureCategory.TIMEOUT, "No TLS handshake within " + millis + " ms", e);
		}
		catch (IOException | GeneralSecurityException e) {
			throw new TargetUnreachable(FailureCategory.TLS_ERROR, "Reading the server certificate failed: " + e.getMessage(), e);
		}
	}

	/** Accepts any chain: the chain is the thing being inspected, nothing is trusted on its strength. */
	private static SSLContext readOnlyContext() throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		} }, null);
		return context;
	}
}

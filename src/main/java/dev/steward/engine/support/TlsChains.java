package dev.steward.engine.support;

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

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;

/**
 * The parts every {@link dev.steward.engine.TlsInspection} shares: one deadline for connect, the engine's own
 * negotiation and the handshake; a chain read but never trusted for anything; typed failures.
 */
public final class TlsChains {

	/** The engine's plain-text steps before TLS starts (PostgreSQL's SSLRequest, MySQL's SSL request packet). */
	@FunctionalInterface
	public interface Negotiation {

		/** Throws {@link TargetUnreachable} ({@link FailureCategory#TLS_ERROR}) when the server does not offer TLS. */
		void negotiate(Socket plain) throws IOException;
	}

	/** No negotiation: the server expects TLS from the first byte (MongoDB). */
	public static final Negotiation DIRECT = plain -> {
	};

	private TlsChains() {
	}

	/** The chain the first host of {@code spec} presents, leaf first, after {@code negotiation}. */
	public static List<X509Certificate> read(TargetAccess access, ConnectionSpec spec, int defaultPort, Duration timeout,
			Negotiation negotiation) {
		access.hosts().check(spec);
		HostList.HostPort first = HostList.of(spec.host(), spec.port()).getFirst();
		int port = first.port() == null ? defaultPort : first.port();
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress(first.host(), port), millis);
			plain.setSoTimeout(millis);
			negotiation.negotiate(plain);
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
			throw new TargetUnreachable(FailureCategory.TLS_ERROR,
					"Reading the server certificate failed: " + e.getMessage(), e);
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

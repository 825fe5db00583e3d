package dev.steward.engine.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/** CA certificates given as PEM text: as a private temp file for drivers that want a path, or as an SSLContext. */
public final class TempPem {

	private TempPem() {
	}

	/** Writes the PEM to a new file readable only by this process's user; the caller deletes it. */
	public static Path write(String pem) throws IOException {
		Path file;
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			file = Files.createTempFile("steward-ca-", ".pem",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			file = Files.createTempFile("steward-ca-", ".pem");
		}
		Files.writeString(file, pem, StandardCharsets.US_ASCII);
		return file;
	}

	public static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a leftover public certificate in the temp dir is harmless
			}
		}
	}

	public static Collection<? extends Certificate> certificates(String pem) throws CertificateException {
		Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		if (certs.isEmpty()) {
			throw new CertificateException("No certificate in the PEM text");
		}
		return certs;
	}

	/** An SSLContext trusting exactly the given CA certificates, or the JVM's trust store when null. */
	public static SSLContext trusting(@Nullable String pem) throws GeneralSecurityException, IOException {
		SSLContext context = SSLContext.getInstance("TLS");
		if (pem == null) {
			context.init(null, null, null);
			return context;
		}
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		int i = 0;
		for (Certificate cert : certificates(pem)) {
			store.setCertificateEntry("ca-" + i++, cert);
		}
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(store);
		context.init(null, tmf.getTrustManagers(), new SecureRandom());
		return context;
	}

	/** Encryption without any certificate check: what "require" means for every engine. */
	public static SSLContext trustingAnything() throws GeneralSecurityException {
		TrustManager trustAll = new X509TrustManager() {
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
		};
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { trustAll }, new SecureRandom());
		return context;
	}
}

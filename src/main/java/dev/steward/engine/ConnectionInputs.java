package dev.steward.engine;

import java.security.cert.CertificateException;
import java.util.List;

import dev.steward.engine.support.HostList;
import dev.steward.engine.support.TempPem;

/** Checks for connection settings typed into fields rather than given as a URL. */
public final class ConnectionInputs {

	private ConnectionInputs() {
	}

	/**
	 * The host as a spec keeps it: a name or address (IPv6 without brackets), or a comma-separated
	 * {@code host:port} list; {@link InvalidConnectionUrl} if it is neither, or if a single host carries a port.
	 */
	public static String checkHost(String host) {
		List<HostList.HostPort> hosts = HostList.parse(host.trim());
		if (hosts.isEmpty()) {
			throw new InvalidConnectionUrl("A host is required");
		}
		if (hosts.size() == 1) {
			if (hosts.getFirst().port() != null) {
				throw new InvalidConnectionUrl("Put the port in the port field");
			}
			return hosts.getFirst().host();
		}
		return HostList.toSpecFields(hosts).host();
	}

	/** Whether the text holds at least one PEM X.509 certificate. */
	public static boolean isPemCertificate(String pem) {
		try {
			TempPem.certificates(pem);
			return true;
		}
		catch (CertificateException e) {
			return false;
		}
	}
}

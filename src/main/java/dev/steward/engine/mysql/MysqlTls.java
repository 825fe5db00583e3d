package dev.steward.engine.mysql;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
 * MySQL/MariaDB's chain as a client reaches it: read the server's greeting (protocol 10), check that it offers
 * {@code CLIENT_SSL}, answer with the 32-byte SSL request packet (sequence 1), then the TLS handshake on the same
 * socket. No credential and no query is sent; the server records an aborted connection.
 */
@Component
class MysqlTls implements TlsInspection {

	static final int CLIENT_LONG_PASSWORD = 0x1;

	static final int CLIENT_PROTOCOL_41 = 0x200;

	static final int CLIENT_SSL = 0x800;

	static final int CLIENT_SECURE_CONNECTION = 0x8000;

	private static final int MAX_GREETING = 64 * 1024;

	private final TargetAccess access;

	MysqlTls(TargetAccess access) {
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public List<X509Certificate> serverCertificates(ConnectionSpec spec, Duration timeout) {
		return TlsChains.read(access, spec, 3306, timeout, MysqlTls::negotiate);
	}

	private static void negotiate(Socket plain) throws IOException {
		DataInputStream in = new DataInputStream(plain.getInputStream());
		byte[] header = new byte[4];
		in.readFully(header);
		int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
		if (length < 1 || length > MAX_GREETING) {
			throw new TargetUnreachable(FailureCategory.TLS_ERROR, "Not a MySQL/MariaDB greeting", null);
		}
		byte[] greeting = new byte[length];
		in.readFully(greeting);
		if (!offersTls(greeting)) {
			throw new TargetUnreachable(FailureCategory.TLS_ERROR, "The server does not offer TLS", null);
		}
		OutputStream out = plain.getOutputStream();
		out.write(sslRequest());
		out.flush();
	}

	/**
	 * Whether a greeting (payload) offers TLS: protocol 10, then the NUL-ended version, a 4-byte thread id, 8 bytes
	 * of scramble, a filler byte, then the low two bytes of the capability flags. An error packet (0xff, e.g. "host
	 * is blocked") or anything shorter says no.
	 */
	static boolean offersTls(byte[] greeting) {
		if (greeting.length == 0 || greeting[0] != 10) {
			return false;
		}
		int at = 1;
		while (at < greeting.length && greeting[at] != 0) {
			at++;
		}
		int flags = at + 1 + 4 + 8 + 1;
		if (flags + 2 > greeting.length) {
			return false;
		}
		int capabilities = (greeting[flags] & 0xff) | (greeting[flags + 1] & 0xff) << 8;
		return (capabilities & CLIENT_SSL) != 0;
	}

	/** The SSL request: header (length 32, sequence 1), capabilities, max packet size, charset, 23 zero bytes. */
	static byte[] sslRequest() {
		byte[] packet = new byte[4 + 32];
		packet[0] = 32;
		packet[3] = 1;
		int capabilities = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION;
		putInt(packet, 4, capabilities);
		putInt(packet, 8, 16 * 1024 * 1024);
		packet[12] = 45; // utf8mb4_general_ci
		return packet;
	}

	private static void putInt(byte[] into, int at, int value) {
		into[at] = (byte) value;
		into[at + 1] = (byte) (value >>> 8);
		into[at + 2] = (byte) (value >>> 16);
		into[at + 3] = (byte) (value >>> 24);
	}
}

package dev.steward.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * An in-process SSH server (Apache MINA SSHD) acting as a bastion: it accepts one user by password or public key,
 * forwards {@code direct-tcpip} channels, and records each one. Host names under {@code .behind-bastion.test}
 * resolve only here (to 127.0.0.1): Steward itself cannot reach them, so a connection to one works only through
 * the tunnel.
 */
public final class TunnelServer implements AutoCloseable {

	public static final String USER = "tunnel";

	public static final String PASSWORD = "tunnel-secret";

	private static final String HIDDEN = ".behind-bastion.test";

	private final SshServer server;

	/** Every forwarded channel's destination as the client asked for it ({@code host:port}). */
	private final List<String> forwarded = new CopyOnWriteArrayList<>();

	public TunnelServer(PublicKey authorizedKey) {
		server = SshServer.setUpDefaultServer();
		server.setHost("127.0.0.1");
		server.setPort(0);
		server.setKeyPairProvider(KeyPairProvider.wrap(newHostKey()));
		server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
		server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
				&& KeyUtils.compareKeys(key, authorizedKey));
		server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
		server.setChannelFactories(List.of(new Resolving()));
		try {
			server.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public int port() {
		return server.getPort();
	}

	/** The server is re-keyed: a new host key from now on, and every open session is cut. */
	public void rekey() {
		server.setKeyPairProvider(KeyPairProvider.wrap(newHostKey()));
		dropSessions();
	}

	/** The network between Steward and the bastion hiccups: every open session is cut. */
	public void dropSessions() {
		server.getActiveSessions().forEach(s -> s.close(true));
	}

	/** How many channels were forwarded to {@code host}. */
	public long forwardedTo(String host) {
		return forwarded.stream().filter(f -> f.startsWith(host + ":")).count();
	}

	/** The public key in a test resource under {@code /ssh/} (an OpenSSH {@code .pub} line). */
	public static PublicKey publicKey(String name) {
		try {
			return PublicKeyEntry.parsePublicKeyEntry(resource(name).strip()).resolvePublicKey(null, null, null);
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A test resource under {@code /ssh/} as text (keys generated with ssh-keygen for the tests only). */
	public static String resource(String name) {
		try (InputStream in = TunnelServer.class.getResourceAsStream("/ssh/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() throws IOException {
		server.stop(true);
	}

	private static KeyPair newHostKey() {
		try {
			return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** {@code direct-tcpip} with this server's own name resolution for the hidden hosts. */
	private final class Resolving extends TcpipServerChannel.TcpipFactory {

		Resolving() {
			super(TcpForwardingFilter.Type.Direct);
		}

		@Override
		public Channel createChannel(Session session) {
			return new TcpipServerChannel(getType(), ThreadUtils.noClose(getExecutorService())) {
				@Override
				protected OpenFuture doInit(Buffer buffer) {
					String host = buffer.getString();
					long port = buffer.getUInt();
					String originator = buffer.getString();
					long originatorPort = buffer.getUInt();
					forwarded.add(host + ":" + port);
					Buffer mapped = new ByteArrayBuffer();
					mapped.putString(host.endsWith(HIDDEN) ? "127.0.0.1" : host);
					mapped.putUInt(port);
					mapped.putString(originator);
					mapped.putUInt(originatorPort);
					return super.doInit(mapped);
				}
			};
		}
	}

	/** A host name only this server resolves. */
	public static String hiddenHost(String name) {
		return name + HIDDEN;
	}
}

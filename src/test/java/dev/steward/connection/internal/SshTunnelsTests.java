package dev.steward.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.steward.connection.SshAuthentication;
import dev.steward.connection.SshHostKeyChanged;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineProperties;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.SslMode;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetHostProperties;
import dev.steward.engine.TargetHostRefused;
import dev.steward.engine.TargetUnreachable;
import dev.steward.test.TunnelServer;

/** The tunnel registry against an in-process MINA SSHD server and a loopback echo server behind it. */
class SshTunnelsTests {

	TunnelServer bastion;

	ServerSocket echo;

	SshTunnels tunnels;

	final List<HostKeyFingerprint> pinned = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		bastion = new TunnelServer(TunnelServer.publicKey("ed25519.pub"));
		echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::serveEcho);
		tunnels = tunnels(TargetHostProperties.defaults());
	}

	@AfterEach
	void stop() throws IOException {
		tunnels.destroy();
		echo.close();
		bastion.close();
	}

	@Test
	void concurrentFirstUsesShareOneTunnelAndPinTheKeyOnce() throws Exception {
		UUID id = UUID.randomUUID();
		var pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> ports = pool.invokeAll(List.of(() -> open(id, null), () -> open(id, null),
					() -> open(id, null), () -> open(id, null)));
			int port = ports.getFirst().get();
			for (Future<Integer> p : ports) {
				assertThat(p.get()).isEqualTo(port);
			}
			assertThat(pinned).hasSize(1);
			assertThat(pinned.getFirst().value()).startsWith("SHA256:");
			assertThat(roundTrip(port)).isEqualTo("hello");
			assertThat(access.hosts().tunnels().carries(local(port))).isTrue();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aTunnelInUseStaysOpenAndAnIdleOneIsClosedAndItsPortNoLongerPasses() throws Exception {
		UUID id = UUID.randomUUID();
		int port = open(id, null);
		try (Socket held = new Socket(InetAddress.getLoopbackAddress(), port)) {
			held.getOutputStream().write('x');
			held.getInputStream().read();
			Thread.sleep(2500); // idle timeout 1 s, swept every second: kept, a connection is open through it
			assertThat(tunnels.isOpen(id)).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !tunnels.isOpen(id));
		assertThat(access.hosts().tunnels().carries(local(port))).isFalse();
	}

	@Test
	void aConnectionKeepsItsLocalPortAcrossReOpensUntilItIsForgotten() throws Exception {
		UUID id = UUID.randomUUID();
		int port = open(id, null);
		tunnels.close(id);
		assertThat(tunnels.isOpen(id)).isFalse();
		assertThat(open(id, null)).isEqualTo(port);
		assertThat(roundTrip(port)).isEqualTo("hello");
		bastion.dropSessions();
		await().atMost(Duration.ofSeconds(10)).until(() -> !tunnels.isOpen(id));
		assertThat(open(id, null)).isEqualTo(port);
		tunnels.forget(id);
		assertThat(access.hosts().tunnels().carries(local(port))).isFalse();
	}

	@Test
	void aChangedHostKeyIsRefusedNamingBothFingerprints() {
		UUID id = UUID.randomUUID();
		open(id, null);
		HostKeyFingerprint first = pinned.getFirst();
		bastion.rekey();
		await().atMost(Duration.ofSeconds(10)).until(() -> !tunnels.isOpen(id));
		assertThatThrownBy(() -> open(id, first)).isInstanceOfSatisfying(SshHostKeyChanged.class, e -> {
			assertThat(e.expected()).isEqualTo(first.value());
			assertThat(e.actual()).startsWith("SHA256:").isNotEqualTo(first.value());
			assertThat(e.getMessage()).startsWith("The SSH server's host key changed: expected " + first.value());
		});
		assertThat(pinned).hasSize(1);
	}

	@Test
	void aWrongPasswordIsAnAuthenticationFailureAndASilentServerATimeout() throws Exception {
		assertThatThrownBy(() -> tunnels.localPort(UUID.randomUUID(), target(bastion.port(), "wrong"), null, pinned::add))
			.isInstanceOfSatisfying(TargetUnreachable.class,
					e -> assertThat(e.category()).isEqualTo(FailureCategory.AUTHENTICATION_FAILED));
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			long started = System.nanoTime();
			assertThatThrownBy(() -> tunnels.localPort(UUID.randomUUID(), target(silent.getLocalPort(),
					TunnelServer.PASSWORD), null, pinned::add))
				.isInstanceOfSatisfying(TargetUnreachable.class,
						e -> assertThat(e.category()).isEqualTo(FailureCategory.TIMEOUT));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
		assertThat(pinned).isEmpty();
	}

	@Test
	void theSshHostObeysTheHostRule() {
		tunnels.destroy();
		tunnels = tunnels(new TargetHostProperties(null, List.of("127.0.0.1/32")));
		assertThatThrownBy(() -> open(UUID.randomUUID(), null)).isInstanceOf(TargetHostRefused.class);
		assertThat(pinned).isEmpty();
	}

	TargetAccess access;

	private SshTunnels tunnels(TargetHostProperties hosts) {
		access = new TargetAccess(new EngineProperties(Duration.ofSeconds(2), Duration.ofSeconds(60)), hosts);
		return new SshTunnels(access, new ConnectionProperties(null, List.of(), Duration.ofSeconds(5),
				new ConnectionProperties.Sample(false),
				new ConnectionProperties.Ssh(Duration.ofSeconds(1), Duration.ofSeconds(15))));
	}

	private int open(UUID id, HostKeyFingerprint pin) {
		return tunnels.localPort(id, target(bastion.port(), TunnelServer.PASSWORD), pin, pinned::add);
	}

	private SshTarget target(int sshPort, String password) {
		return new SshTarget("127.0.0.1", sshPort, TunnelServer.USER, SshAuthentication.PASSWORD, password, null, null,
				"127.0.0.1", echo.getLocalPort());
	}

	private static ConnectionSpec local(int port) {
		return new ConnectionSpec(EngineKind.POSTGRESQL, "127.0.0.1", port, null, null, null, SslMode.DISABLE, null,
				null, false, java.util.Map.of());
	}

	private static String roundTrip(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("hello".getBytes());
			return new String(socket.getInputStream().readNBytes(5));
		}
	}

	private void serveEcho() {
		while (!echo.isClosed()) {
			try {
				Socket s = echo.accept();
				Thread.ofVirtual().start(() -> {
					try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
						in.transferTo(out);
					}
					catch (IOException ignored) {
						// the client went away
					}
				});
			}
			catch (IOException e) {
				return;
			}
		}
	}
}

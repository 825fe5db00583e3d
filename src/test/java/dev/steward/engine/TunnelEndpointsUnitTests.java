package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where loopback is denied, only the exact local end of an open tunnel passes, and never what a user typed. */
class TunnelEndpointsUnitTests {

	final TargetHosts hosts = new TargetHosts(new TargetHostProperties(null, List.of("127.0.0.0/8")));

	@Test
	void onlyAnOpenTunnelsOwnPortPassesTheRule() {
		hosts.tunnels().register(40001);
		assertThatCode(() -> hosts.check(spec("127.0.0.1", 40001, false))).doesNotThrowAnyException();
		assertThatThrownBy(() -> hosts.check(spec("127.0.0.1", 40002, false))).isInstanceOf(TargetHostRefused.class);
		assertThatThrownBy(() -> hosts.check(spec("localhost", 40001, false))).isInstanceOf(TargetHostRefused.class);
		assertThat(hosts.tunnels().carries(spec("127.0.0.1", 40001, true))).isFalse();
		assertThatThrownBy(() -> hosts.check(spec("127.0.0.1", null, false))).isInstanceOf(TargetHostRefused.class);
		hosts.tunnels().unregister(40001);
		assertThatThrownBy(() -> hosts.check(spec("127.0.0.1", 40001, false))).isInstanceOf(TargetHostRefused.class);
	}

	@Test
	void whatAUserTypesIsCheckedWithoutTheTunnelException() {
		hosts.tunnels().register(40003);
		assertThatThrownBy(() -> hosts.checkDirect(spec("127.0.0.1", 40003, false)))
			.isInstanceOf(TargetHostRefused.class);
	}

	private static ConnectionSpec spec(String host, Integer port, boolean srv) {
		return new ConnectionSpec(EngineKind.MONGODB, host, port, null, null, null, SslMode.DISABLE, null, null, srv,
				Map.of());
	}
}

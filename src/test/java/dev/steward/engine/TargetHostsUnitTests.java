package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The host rule, resolved the way every connect resolves it. Nothing here opens a socket. */
class TargetHostsUnitTests {

	static ConnectionSpec spec(String host) {
		return new ConnectionSpec(EngineKind.POSTGRESQL, host, null, "x", "u", null, SslMode.DISABLE, null, null,
				false, Map.of());
	}

	@Test
	void cloudMetadataAndLinkLocalAddressesAreDeniedByDefault() {
		TargetHosts hosts = TargetHosts.defaults();
		for (String host : List.of("169.254.169.254", "169.254.0.1", "fd00:ec2::254", "fe80::1", "::ffff:169.254.169.254")) {
			assertThatThrownBy(() -> hosts.check(spec(host))).as(host).isInstanceOf(TargetHostRefused.class)
				.hasMessageContaining("denied");
		}
		// several hosts: any denied one refuses them all
		assertThatThrownBy(() -> hosts.check(spec("127.0.0.1:5432,169.254.169.254:5432")))
			.isInstanceOf(TargetHostRefused.class);
		assertThatCode(() -> hosts.check(spec("127.0.0.1"))).doesNotThrowAnyException();
		assertThatCode(() -> hosts.check(spec("::1"))).doesNotThrowAnyException();
		assertThatCode(() -> hosts.check(spec("fd00:ec2::253"))).doesNotThrowAnyException();
	}

	@Test
	void aHostNameIsJudgedByEveryAddressItResolvesTo() throws Exception {
		TargetHosts hosts = new TargetHosts(new TargetHostProperties(null, List.of("127.0.0.0/8", "::1")));
		assertThat(InetAddress.getAllByName("localhost")).isNotEmpty();
		assertThatThrownBy(() -> hosts.check(spec("localhost"))).isInstanceOf(TargetHostRefused.class)
			.hasMessageContaining("resolves to");
		assertThatThrownBy(() -> hosts.resolveOrUnknown("LOCALHOST")).isInstanceOf(java.net.UnknownHostException.class);
		TargetHosts byName = new TargetHosts(new TargetHostProperties(null, List.of("*.internal", "metadata.google.internal")));
		assertThatThrownBy(() -> byName.check(spec("metadata.google.internal"))).isInstanceOf(TargetHostRefused.class);
		assertThatThrownBy(() -> byName.check(spec("db.corp.internal"))).isInstanceOf(TargetHostRefused.class);
	}

	@Test
	void anAllowlistAdmitsOnlyItsAddressesAndNames() {
		TargetHosts hosts = new TargetHosts(new TargetHostProperties(List.of("10.0.0.0/8", "db.example"), null));
		assertThatThrownBy(() -> hosts.check(spec("127.0.0.1"))).isInstanceOf(TargetHostRefused.class)
			.hasMessageContaining("allowed-hosts");
		assertThatThrownBy(() -> hosts.check(spec("localhost"))).isInstanceOf(TargetHostRefused.class);
		assertThatCode(() -> hosts.check(spec("10.1.2.3"))).doesNotThrowAnyException();
		// allowed by name even though it does not resolve here; denied ranges still win over an allowlist
		assertThatCode(() -> hosts.check(spec("db.example"))).doesNotThrowAnyException();
		TargetHosts wide = new TargetHosts(new TargetHostProperties(List.of("0.0.0.0/0"), null));
		assertThatThrownBy(() -> wide.check(spec("169.254.169.254"))).isInstanceOf(TargetHostRefused.class);
	}

	@Test
	void sqliteHasNoHostAndBadRulesAreRefusedAtStartUp() {
		ConnectionSpec sqlite = new ConnectionSpec(EngineKind.SQLITE, null, null, null, null, null, SslMode.DISABLE,
				null, "/tmp/x.db", false, Map.of());
		assertThatCode(() -> TargetHosts.defaults().check(sqlite)).doesNotThrowAnyException();
		assertThatThrownBy(() -> new TargetHosts(new TargetHostProperties(List.of("10.0.0.0/33"), null)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new TargetHosts(new TargetHostProperties(List.of("bad name/8"), null)))
			.isInstanceOf(IllegalArgumentException.class);
	}
}

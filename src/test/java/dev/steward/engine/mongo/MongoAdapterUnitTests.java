package dev.steward.engine.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.SslMode;

class MongoAdapterUnitTests {

	final MongoAdapter adapter = new MongoAdapter();

	ConnectionSpec parse(String url) {
		return adapter.parseUrl(url).orElseThrow();
	}

	@Test
	void parsesCredentialsHostsDatabaseAndOptions() {
		ConnectionSpec spec = parse("mongodb://app%40corp:p%2Fw%3A@m1:27017,m2:27018,[::1]/orders"
				+ "?authSource=admin&replicaSet=rs0&tls=true");
		assertThat(spec.engine()).isEqualTo(EngineKind.MONGODB);
		assertThat(spec.username()).isEqualTo("app@corp");
		assertThat(spec.password()).isEqualTo("p/w:");
		assertThat(spec.host()).isEqualTo("m1:27017,m2:27018,[::1]");
		assertThat(spec.port()).isNull();
		assertThat(spec.database()).isEqualTo("orders");
		assertThat(spec.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
		assertThat(spec.options()).containsEntry("authSource", "admin").containsEntry("replicaSet", "rs0");
		assertThat(spec.srv()).isFalse();
	}

	@Test
	void srvDefaultsToTlsAndTlsOptionsMapToModes() {
		ConnectionSpec srv = parse("mongodb+srv://u:p@cluster0.example.net/db");
		assertThat(srv.srv()).isTrue();
		assertThat(srv.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
		assertThat(parse("mongodb+srv://cluster0.example.net/?tls=false").sslMode()).isEqualTo(SslMode.DISABLE);
		assertThat(parse("mongodb://h/?tls=true&tlsInsecure=true").sslMode()).isEqualTo(SslMode.REQUIRE);
		assertThat(parse("mongodb://h/?ssl=true&tlsAllowInvalidHostnames=true").sslMode()).isEqualTo(SslMode.VERIFY_CA);
		assertThat(parse("mongodb://h").sslMode()).isEqualTo(SslMode.DISABLE);
	}

	@Test
	void formatsWithoutPasswordAndParsesBack() {
		ConnectionSpec spec = parse("mongodb://u:secret@h1:27017,h2/db?authSource=admin&tls=true&tlsAllowInvalidHostnames=true");
		String url = adapter.formatUrl(spec);
		assertThat(url).doesNotContain("secret").startsWith("mongodb://u@h1:27017,h2/db?");
		assertThat(parse(url)).isEqualTo(spec.withPassword(null));
		ConnectionSpec srv = parse("mongodb+srv://c.example.net/x?tls=false");
		assertThat(parse(adapter.formatUrl(srv))).isEqualTo(srv);
	}

	@Test
	void refusesBadUrls() {
		assertThat(adapter.parseUrl("mysql://h/db")).isEmpty();
		assertThatThrownBy(() -> parse("mongodb://")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mongodb+srv://a.example.net:27017/x")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mongodb+srv://a.net,b.net/x")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mongodb://h/?tlsCAFile=/etc/shadow")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mongodb://h/?authMechanism=GSSAPI")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mongodb://h:99999/")).isInstanceOf(InvalidConnectionUrl.class);
	}

	@Test
	void settingsCarryCredentialTimeoutsAndTls() throws Exception {
		ConnectionSpec spec = parse("mongodb://u:pw@h:27018/app?tls=true&tlsInsecure=true");
		MongoClientSettings s = adapter.settings(spec, Duration.ofSeconds(3), Duration.ofSeconds(3), 2, null);
		MongoCredential credential = s.getCredential();
		assertThat(credential.getUserName()).isEqualTo("u");
		assertThat(credential.getSource()).isEqualTo("app");
		assertThat(new String(credential.getPassword())).isEqualTo("pw");
		assertThat(s.getClusterSettings().getHosts()).containsExactly(new ServerAddress("h", 27018));
		assertThat(s.getClusterSettings().getServerSelectionTimeout(java.util.concurrent.TimeUnit.MILLISECONDS))
			.isEqualTo(3000);
		assertThat(s.getSocketSettings().getConnectTimeout(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(3000);
		assertThat(s.getSslSettings().isEnabled()).isTrue();
		assertThat(s.getSslSettings().isInvalidHostNameAllowed()).isTrue();
		assertThat(s.getConnectionPoolSettings().getMaxSize()).isEqualTo(2);
	}

	@Test
	void classifiesDriverErrors() {
		ServerAddress address = new ServerAddress("h");
		MongoTimeoutException timeout = new MongoTimeoutException("Timed out after 5000 ms");
		assertThat(MongoAdapter.classify(timeout, null)).isEqualTo(FailureCategory.TIMEOUT);
		assertThat(MongoAdapter.classify(timeout, new MongoSocketOpenException("Exception opening socket", address,
				new ConnectException("Connection refused")))).isEqualTo(FailureCategory.HOST_UNREACHABLE);
		assertThat(MongoAdapter.classify(timeout,
				new MongoSecurityException(MongoCredential.createCredential("u", "admin", new char[0]), "auth failed")))
			.isEqualTo(FailureCategory.AUTHENTICATION_FAILED);
		assertThat(MongoAdapter.classify(timeout, new MongoSocketReadTimeoutException("read", address,
				new java.net.SocketTimeoutException())))
			.isEqualTo(FailureCategory.TIMEOUT);
		assertThat(MongoAdapter.classify(timeout, new MongoSocketOpenException("open", address,
				new javax.net.ssl.SSLHandshakeException("PKIX")))).isEqualTo(FailureCategory.TLS_ERROR);
		assertThat(MongoAdapter.classify(new com.mongodb.MongoIncompatibleDriverException("wire version 6", null),
				null)).isEqualTo(FailureCategory.UNSUPPORTED_SERVER);
	}
}

package dev.steward.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.SslMode;

class PostgresAdapterUnitTests {

	final PostgresAdapter adapter = new PostgresAdapter();

	ConnectionSpec parse(String url) {
		return adapter.parseUrl(url).orElseThrow();
	}

	@Test
	void parsesALibpqUri() {
		ConnectionSpec spec = parse("postgresql://alice:s%40cr%2Ft@db.example.com:5433/sales?sslmode=verify-full");
		assertThat(spec.engine()).isEqualTo(EngineKind.POSTGRESQL);
		assertThat(spec.username()).isEqualTo("alice");
		assertThat(spec.password()).isEqualTo("s@cr/t");
		assertThat(spec.host()).isEqualTo("db.example.com");
		assertThat(spec.port()).isEqualTo(5433);
		assertThat(spec.database()).isEqualTo("sales");
		assertThat(spec.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
	}

	@Test
	void parsesPostgresSchemeIpv6AndDefaults() {
		ConnectionSpec spec = parse("postgres://bob@[::1]/app");
		assertThat(spec.host()).isEqualTo("::1");
		assertThat(spec.port()).isNull();
		assertThat(spec.password()).isNull();
		assertThat(spec.sslMode()).isEqualTo(SslMode.DISABLE);
		assertThat(adapter.jdbcUrl(spec)).isEqualTo("jdbc:postgresql://[::1]:5432/app");
		ConnectionSpec v6port = parse("postgresql://[2001:db8::5]:6543/x");
		assertThat(v6port.host()).isEqualTo("2001:db8::5");
		assertThat(v6port.port()).isEqualTo(6543);
	}

	@Test
	void parsesJdbcUrlsWithQueryCredentials() {
		ConnectionSpec spec = parse("jdbc:postgresql://h1:5432,h2:5433/db?user=u&password=p%26q&sslmode=require"
				+ "&ApplicationName=x");
		assertThat(spec.host()).isEqualTo("h1:5432,h2:5433");
		assertThat(spec.username()).isEqualTo("u");
		assertThat(spec.password()).isEqualTo("p&q");
		assertThat(spec.sslMode()).isEqualTo(SslMode.REQUIRE);
		assertThat(spec.options()).containsEntry("ApplicationName", "x");
		assertThat(adapter.jdbcUrl(spec)).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
		assertThat(parse("jdbc:postgresql:mydb").database()).isEqualTo("mydb");
	}

	@Test
	void formatsWithoutThePasswordAndParsesBack() {
		ConnectionSpec spec = parse("postgresql://al%20ice:pw@db:5433/my%20db?sslmode=verify-ca");
		String url = adapter.formatUrl(spec);
		assertThat(url).isEqualTo("postgresql://al%20ice@db:5433/my%20db?sslmode=verify-ca").doesNotContain("pw");
		assertThat(parse(url)).isEqualTo(spec.withPassword(null));
		assertThat(adapter.formatUrl(parse("postgresql://[::1]/x"))).isEqualTo("postgresql://[::1]/x");
	}

	@Test
	void refusesBadUrls() {
		assertThat(adapter.parseUrl("mysql://h/db")).isEmpty();
		assertThatThrownBy(() -> parse("postgresql://h:70000/db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("postgresql://h:abc/db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("postgresql://h/db?sslmode=sometimes")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("postgresql://h/db?sslrootcert=/etc/x")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("postgresql://u:%zz@h/db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("postgresql://[::1/db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("postgresql://bad host/db")).isInstanceOf(InvalidConnectionUrl.class);
	}

	@Test
	void timeoutsAndSslGoToTheDriver() {
		ConnectionSpec spec = new ConnectionSpec(EngineKind.POSTGRESQL, "h", null, null, "u", "p", SslMode.VERIFY_CA,
				null, null, false, Map.of());
		var props = adapter.properties(spec, java.time.Duration.ofMillis(2500), null);
		assertThat(props).containsEntry("connectTimeout", "3").containsEntry("socketTimeout", "3")
			.containsEntry("loginTimeout", "3").containsEntry("sslmode", "verify-ca")
			.containsEntry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
	}

	@Test
	void classifiesDriverErrors() {
		assertThat(PostgresAdapter.classify(new SQLException("password authentication failed", "28P01")))
			.isEqualTo(FailureCategory.AUTHENTICATION_FAILED);
		assertThat(PostgresAdapter.classify(new SQLException("role x is not permitted to log in", "28000")))
			.isEqualTo(FailureCategory.AUTHENTICATION_FAILED);
		assertThat(PostgresAdapter.classify(new SQLException("database \"x\" does not exist", "3D000")))
			.isEqualTo(FailureCategory.DATABASE_NOT_FOUND);
		assertThat(PostgresAdapter.classify(new SQLException("Connection refused", "08001",
				new ConnectException("Connection refused")))).isEqualTo(FailureCategory.HOST_UNREACHABLE);
		assertThat(PostgresAdapter.classify(new SQLException("The connection attempt failed.", "08001",
				new UnknownHostException("nowhere")))).isEqualTo(FailureCategory.HOST_UNREACHABLE);
		assertThat(PostgresAdapter.classify(new SQLException("The connection attempt failed.", "08001",
				new SocketTimeoutException("Read timed out")))).isEqualTo(FailureCategory.TIMEOUT);
		assertThat(PostgresAdapter.classify(new SQLException("Connection attempt timed out.", "08001")))
			.isEqualTo(FailureCategory.TIMEOUT);
		assertThat(PostgresAdapter.classify(new SQLException("The server does not support SSL.", "08004")))
			.isEqualTo(FailureCategory.TLS_ERROR);
		assertThat(PostgresAdapter.classify(new SQLException("SSL error", "08006",
				new SSLHandshakeException("PKIX path building failed")))).isEqualTo(FailureCategory.TLS_ERROR);
		assertThat(PostgresAdapter.classify(new SQLException("syntax error", "42601")))
			.isEqualTo(FailureCategory.UNKNOWN);
	}
}

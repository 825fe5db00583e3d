package dev.steward.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.SslMode;
import dev.steward.engine.mysql.MysqlAdapter.ServerVersion;

class MysqlAdapterUnitTests {

	final MysqlAdapter adapter = new MysqlAdapter();

	ConnectionSpec parse(String url) {
		return adapter.parseUrl(url).orElseThrow();
	}

	@Test
	void parsesEverySpelling() {
		for (String scheme : new String[] { "mysql://", "mariadb://", "jdbc:mysql://", "jdbc:mariadb://" }) {
			ConnectionSpec spec = parse(scheme + "root:p%40ss%3Aw@db.local:3307/shop");
			assertThat(spec.engine()).isEqualTo(EngineKind.MYSQL);
			assertThat(spec.username()).isEqualTo("root");
			assertThat(spec.password()).isEqualTo("p@ss:w");
			assertThat(spec.host()).isEqualTo("db.local");
			assertThat(spec.port()).isEqualTo(3307);
			assertThat(spec.database()).isEqualTo("shop");
			assertThat(spec.sslMode()).isEqualTo(SslMode.DISABLE);
		}
	}

	@Test
	void understandsSslOptionsOfEveryClient() {
		assertThat(parse("mysql://h/db?ssl-mode=REQUIRED").sslMode()).isEqualTo(SslMode.REQUIRE);
		assertThat(parse("mysql://h/db?ssl-mode=VERIFY_IDENTITY").sslMode()).isEqualTo(SslMode.VERIFY_FULL);
		assertThat(parse("jdbc:mariadb://h/db?sslMode=verify-ca").sslMode()).isEqualTo(SslMode.VERIFY_CA);
		assertThat(parse("jdbc:mysql://h/db?useSSL=true&serverTimezone=UTC").sslMode()).isEqualTo(SslMode.REQUIRE);
		assertThat(parse("jdbc:mysql://h/db?useSSL=false").sslMode()).isEqualTo(SslMode.DISABLE);
		assertThat(parse("mysql://h/db?allowPublicKeyRetrieval=true").options())
			.containsEntry("allowPublicKeyRetrieval", "true");
	}

	@Test
	void ipv6AndFormattingWithoutPassword() {
		ConnectionSpec spec = parse("mysql://u:secret@[fe80::1%25eth0]:3306/db?ssl-mode=REQUIRED");
		assertThat(spec.host()).isEqualTo("fe80::1%eth0");
		String url = adapter.formatUrl(spec);
		assertThat(url).doesNotContain("secret").startsWith("mysql://u@[fe80::1%25eth0]:3306/db");
		assertThat(parse(url)).isEqualTo(spec.withPassword(null));
		// the database travels as a property, never as URL text the driver would not decode
		assertThat(MysqlAdapter.jdbcUrl(spec)).isEqualTo("jdbc:mariadb://[fe80::1%eth0]:3306/");
		assertThat(MysqlAdapter.properties(spec, spec.database(), Duration.ofSeconds(5))).containsEntry("database", "db")
			.containsEntry("user", "u");
		ConnectionSpec back = parse(adapter.formatUrl(parse("mysql://u:p@h:3310/d?ssl-mode=VERIFY_CA")));
		assertThat(back).isEqualTo(parse("mysql://u@h:3310/d?ssl-mode=VERIFY_CA"));
	}

	@Test
	void alwaysTellsTheDriverItsSslMode() {
		ConnectionSpec plain = parse("mysql://u@h/d");
		assertThat(MysqlAdapter.properties(plain, "d", Duration.ofSeconds(5))).containsEntry("sslMode", "disable")
			.containsEntry("connectTimeout", "5000").containsEntry("socketTimeout", "5000");
		ConnectionSpec require = parse("mysql://u@h/d?ssl-mode=REQUIRED");
		assertThat(MysqlAdapter.properties(require, "d", Duration.ofSeconds(5))).containsEntry("sslMode", "trust");
	}

	@Test
	void refusesBadUrls() {
		assertThat(adapter.parseUrl("postgresql://h/db")).isEmpty();
		assertThatThrownBy(() -> parse("mysql:///db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mysql://h:0/db")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mysql://h/db?ssl-mode=SOMETIMES")).isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("mysql://h/db?allowLoadLocalInfile=true"))
			.isInstanceOf(InvalidConnectionUrl.class);
		assertThatThrownBy(() -> parse("jdbc:mysql:replication://h1,h2/db")).isInstanceOf(InvalidConnectionUrl.class);
	}

	@Test
	void readsServerVersions() {
		ServerVersion maria = ServerVersion.parse("10.11.19-MariaDB-0+deb12u1");
		assertThat(maria.product()).isEqualTo("MariaDB");
		assertThat(maria.version()).isEqualTo("10.11.19");
		assertThat(maria.supported()).isTrue();
		assertThat(ServerVersion.parse("5.5.5-10.2.44-MariaDB").supported()).isFalse();
		assertThat(ServerVersion.parse("5.5.5-10.2.44-MariaDB").version()).isEqualTo("10.2.44");
		ServerVersion mysql = ServerVersion.parse("8.0.36");
		assertThat(mysql.product()).isEqualTo("MySQL");
		assertThat(mysql.supported()).isTrue();
		assertThat(ServerVersion.parse("5.6.51-log").supported()).isFalse();
		assertThat(ServerVersion.parse("5.7.44").supported()).isTrue();
	}

	@Test
	void classifiesDriverErrors() {
		assertThat(MysqlAdapter.classify(new SQLException("Access denied for user", "28000", 1045)))
			.isEqualTo(FailureCategory.AUTHENTICATION_FAILED);
		assertThat(MysqlAdapter.classify(new SQLException("Unknown database 'x'", "42000", 1049)))
			.isEqualTo(FailureCategory.DATABASE_NOT_FOUND);
		assertThat(MysqlAdapter.classify(new SQLException("Socket fail to connect", "08000", -1,
				new ConnectException("Connection refused")))).isEqualTo(FailureCategory.HOST_UNREACHABLE);
		assertThat(MysqlAdapter.classify(new SQLException("Socket error", "08000", -1,
				new SocketTimeoutException("Read timed out")))).isEqualTo(FailureCategory.TIMEOUT);
		assertThat(MysqlAdapter.classify(new SQLException("Trying to connect with ssl, but ssl not enabled in the server",
				"08000"))).isEqualTo(FailureCategory.TLS_ERROR);
		assertThat(MysqlAdapter.classify(new SQLException("Table doesn't exist", "42S02", 1146)))
			.isEqualTo(FailureCategory.UNKNOWN);
	}
}

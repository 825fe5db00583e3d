package dev.steward.engine.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * JDBC connects whose login is bounded: the caller's properties bound the TCP connect and every read of the
 * handshake (a server that accepts and stays silent fails as a socket timeout); once logged in, reads get
 * {@code readAfterLogin} (zero: unbounded, for work that has its own watchdog).
 */
public final class TargetJdbc {

	private TargetJdbc() {
	}

	public static Connection connect(Driver driver, String url, Properties props, Duration readAfterLogin)
			throws SQLException {
		Connection c = driver.connect(url, props);
		if (c == null) {
			throw new SQLException("The JDBC driver did not accept the URL", "08001");
		}
		try {
			c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, readAfterLogin.toMillis()));
			return c;
		}
		catch (SQLException | RuntimeException e) {
			c.close();
			throw e;
		}
	}

	/**
	 * A data source for a pool: every physical connect first runs {@code beforeConnect} (the host rule, which
	 * may throw) and is then bounded as {@link #connect} is.
	 */
	public static DataSource dataSource(Driver driver, String url, Properties props, Duration readAfterLogin,
			Runnable beforeConnect) {
		return new BoundedDataSource(driver, url, props, readAfterLogin, beforeConnect);
	}

	private static final class BoundedDataSource implements DataSource {

		private final Driver driver;

		private final String url;

		private final Properties props;

		private final Duration readAfterLogin;

		private final Runnable beforeConnect;

		private volatile int loginTimeout;

		BoundedDataSource(Driver driver, String url, Properties props, Duration readAfterLogin, Runnable beforeConnect) {
			this.driver = driver;
			this.url = url;
			this.props = props;
			this.readAfterLogin = readAfterLogin;
			this.beforeConnect = beforeConnect;
		}

		@Override
		public Connection getConnection() throws SQLException {
			try {
				beforeConnect.run();
			}
			catch (RuntimeException e) {
				throw new SQLException(e.getMessage(), "08004", e);
			}
			return connect(driver, url, props, readAfterLogin);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLFeatureNotSupportedException("The target's credentials are fixed");
		}

		@Override
		public @Nullable PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(@Nullable PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
			// the driver properties bound the login already
			loginTimeout = seconds;
		}

		@Override
		public int getLoginTimeout() {
			return loginTimeout;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			if (iface.isInstance(this)) {
				return iface.cast(this);
			}
			throw new SQLException("Not a wrapper for " + iface);
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return iface.isInstance(this);
		}
	}
}

package dev.steward.engine.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The server-side session ids of Steward's own pooled connections, per server, so that session control can refuse
 * to cancel or end them even where the server shows no marker (MariaDB without {@code performance_schema} has no
 * connection attributes to read). A pool's data source records the id of each physical connection it opens and
 * forgets it when that connection is closed, so the set stays as large as the pools.
 */
public final class OwnSessions {

	private static final ConcurrentHashMap<String, Set<String>> IDS = new ConcurrentHashMap<>();

	private OwnSessions() {
	}

	/** Ids of Steward's open connections to the server {@code server} (a {@link #serverKey}). */
	public static Set<String> of(String server) {
		return Set.copyOf(IDS.getOrDefault(server, Set.of()));
	}

	/** The key of a server: its host list and port as the spec names them. */
	public static String serverKey(@Nullable String host, @Nullable Integer port) {
		return String.valueOf(host).toLowerCase(java.util.Locale.ROOT) + ":" + port;
	}

	/** {@code source}, recording each new connection's id (read with {@code idQuery}) under {@code server}. */
	public static DataSource tracking(DataSource source, String server, String idQuery) {
		return new Tracking(source, server, idQuery);
	}

	private static final class Tracking implements DataSource {

		private final DataSource source;

		private final String server;

		private final String idQuery;

		Tracking(DataSource source, String server, String idQuery) {
			this.source = source;
			this.server = server;
			this.idQuery = idQuery;
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection c = source.getConnection();
			String id;
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(idQuery)) {
				rs.next();
				id = rs.getString(1);
			}
			catch (SQLException | RuntimeException e) {
				c.close();
				throw e;
			}
			IDS.computeIfAbsent(server, k -> ConcurrentHashMap.newKeySet()).add(id);
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
					new Class<?>[] { Connection.class }, new Forgetting(c, server, id));
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLFeatureNotSupportedException("The target's credentials are fixed");
		}

		@Override
		public @Nullable PrintWriter getLogWriter() throws SQLException {
			return source.getLogWriter();
		}

		@Override
		public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
			source.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			source.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return source.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return source.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			return iface.isInstance(this) ? iface.cast(this) : source.unwrap(iface);
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) throws SQLException {
			return iface.isInstance(this) || source.isWrapperFor(iface);
		}
	}

	/** Passes every call on; forgets the id once the connection is closed. */
	private record Forgetting(Connection target, String server, String id) implements InvocationHandler {

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			if (method.getName().equals("close") && method.getParameterCount() == 0) {
				forget();
			}
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException e) {
				throw e.getCause();
			}
		}

		private void forget() {
			IDS.computeIfPresent(server, (k, ids) -> {
				ids.remove(id);
				return ids.isEmpty() ? null : ids;
			});
		}
	}
}

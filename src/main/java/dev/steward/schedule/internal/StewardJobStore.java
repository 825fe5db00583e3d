package dev.steward.schedule.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Spring's job store on the application's DataSource, registered in Quartz's JVM-wide connection registry under a
 * key of its own. Spring keys it by the scheduler's name, which every Steward instance must share (it is the
 * cluster's name in the tables), so two application contexts in one JVM (tests) would otherwise use each other's
 * DataSource, and a closed one.
 */
public class StewardJobStore extends LocalDataSourceJobStore {

	@Override
	public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
		DataSource dataSource = SchedulerFactoryBean.getConfigTimeDataSource();
		super.initialize(loadHelper, signaler);
		if (dataSource == null) {
			return;
		}
		String key = "steward-" + UUID.randomUUID();
		DBConnectionManager.getInstance().addConnectionProvider(key + "-tx", new Provider(dataSource, true));
		DBConnectionManager.getInstance().addConnectionProvider(key + "-nontx", new Provider(dataSource, false));
		setDataSource(key + "-tx");
		setNonManagedTXDataSource(key + "-nontx");
	}

	/** Connections as Spring's store hands them out: in the caller's transaction, or plain ones for Quartz's own. */
	private record Provider(DataSource dataSource, boolean transactional) implements ConnectionProvider {

		@Override
		public Connection getConnection() throws SQLException {
			return transactional ? DataSourceUtils.doGetConnection(dataSource) : dataSource.getConnection();
		}

		@Override
		public void shutdown() {
			// the application closes its DataSource
		}

		@Override
		public void initialize() {
		}
	}
}

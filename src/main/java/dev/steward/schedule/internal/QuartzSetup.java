package dev.steward.schedule.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Quartz on the metadata store: the JDBC job store, clustered, so any instance sharing a PostgreSQL store fires
 * each trigger once and takes over the fires of an instance that stopped. Everything is decided here at run time
 * (the packaged jar's bean definitions are fixed at build time). The tables come from Flyway (V81).
 */
@Configuration(proxyBeanMethods = false)
class QuartzSetup {

	static final String SCHEDULER_NAME = "steward";

	@Bean
	SchedulerFactoryBean stewardScheduler(DataSource dataSource, PlatformTransactionManager transactions,
			ScheduleSettings settings, ScheduleFire fire) throws SQLException {
		SchedulerFactoryBean factory = new SchedulerFactoryBean();
		factory.setSchedulerName(SCHEDULER_NAME);
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactions);
		factory.setJobFactory((bundle, scheduler) -> fire);
		factory.setAutoStartup(Boolean.TRUE.equals(settings.enabled()));
		// a fire in progress (claiming its run, starting its backups) finishes before the store's pool closes
		factory.setWaitForJobsToCompleteOnShutdown(true);
		factory.setOverwriteExistingJobs(true);
		Properties p = new Properties();
		p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
		p.setProperty("org.quartz.jobStore.class", StewardJobStore.class.getName());
		p.setProperty("org.quartz.jobStore.isClustered", "true");
		p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.clusterCheckin().toMillis()));
		p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.misfireThreshold().toMillis()));
		p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate(dataSource));
		p.setProperty("org.quartz.jobStore.useProperties", "true");
		p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
		p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		factory.setQuartzProperties(p);
		return factory;
	}

	/** PostgreSQL stores BYTEA its own way; H2 takes the standard delegate. */
	private static String delegate(DataSource dataSource) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			return product.contains("postgres") ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
					: "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
		}
	}
}

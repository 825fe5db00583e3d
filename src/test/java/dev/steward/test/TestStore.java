package dev.steward.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each Spring test context its own data directory and metadata store: H2 in that directory by
 * default, or a scratch PostgreSQL database when {@code -Dsteward.test.store=postgres} (the build runs the
 * integration suite once per store). The scratch database is dropped when the JVM exits.
 */
public class TestStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String ADMIN_PASSWORD = "admin-test-password-1";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> props = new HashMap<>();
		Path dataDir;
		try {
			dataDir = Files.createTempDirectory("steward-test-");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		props.put("steward.data-dir", dataDir.toString());
		// restored PostgreSQL instances run as the postgres user, who must be able to enter their directory
		Path instances = dataDir.resolveSibling(dataDir.getFileName() + "-instances");
		try {
			Files.createDirectories(instances);
			Files.setPosixFilePermissions(instances, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		props.put("steward.recovery.instances-dir", instances.toString());
		props.put("steward.admin.password", ADMIN_PASSWORD);
		// session timeouts of seconds may be set through the settings API (the session expiry browser test)
		props.put("steward.security.settings.min-timeout", "1s");
		if ("postgres".equals(System.getProperty("steward.test.store"))) {
			ScratchDatabases.Scratch store = ScratchDatabases.postgres("steward_store");
			props.put("spring.datasource.url", store.jdbcUrl());
			props.put("spring.datasource.username", store.user());
			props.put("spring.datasource.password", store.password());
			// the context closes in its own shutdown hook; FORCE drops despite its pool racing us
			Runtime.getRuntime().addShutdownHook(new Thread(store::close, "drop-" + store.name()));
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("steward-test-store", props));
	}
}

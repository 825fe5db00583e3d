package dev.steward.engine.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolUnavailable;

/** libpq settings for the physical-backup tools, all by environment: the password never on a command line. */
final class PostgresToolEnvironment {

	private PostgresToolEnvironment() {
	}

	static Map<String, String> of(ConnectionSpec spec, TargetAccess access) {
		access.check(spec);
		if (spec.caCertificate() != null && !spec.caCertificate().isBlank()) {
			// the tools would need the certificate in a file that outlives a long-running receiver; not yet
			throw new ToolUnavailable("Physical backups of connections with a CA certificate are not supported yet.");
		}
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PGHOST", spec.host() == null ? "localhost" : spec.host());
		env.put("PGPORT", String.valueOf(spec.port() == null ? 5432 : spec.port()));
		if (spec.username() != null) {
			env.put("PGUSER", spec.username());
		}
		if (spec.password() != null) {
			env.put("PGPASSWORD", spec.password());
		}
		env.put("PGSSLMODE", PostgresBackupSupport.sslMode(spec));
		env.put("PGCONNECT_TIMEOUT", String.valueOf(access.connectSeconds()));
		env.put("PGAPPNAME", "steward-physical");
		return env;
	}
}

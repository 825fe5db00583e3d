package dev.steward.engine.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.ToolProcess;

/**
 * {@code pg_restore --exit-on-error --no-owner --no-acl}, after {@code pg_restore --list} has read the whole
 * archive and found objects in it. With one job the archive streams through stdin inside a single
 * transaction (a failure leaves the target as it was); with more it is staged to a private file, since
 * parallel restore needs to seek.
 */
@Component
public class PostgresRestore implements RestoreCapability {

	private final PostgresClientTools clients;

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public PostgresRestore(PostgresClientTools clients, TargetAccess access) {
		this.clients = clients;
		this.access = access;
	}

	public PostgresRestore(PostgresClientTools clients) {
		this(clients, TargetAccess.defaults());
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public ArchiveListing inspect(ArchiveSource archive, ToolControl control) throws IOException {
		PostgresClientTools.Client client = clients.newest();
		ToolProcess.Result listed;
		try (InputStream in = archive.open()) {
			listed = ToolProcess.of(List.of(client.tool("pg_restore").toString(), "--list")).stdin(in).run(control);
		}
		catch (ToolFailed e) {
			throw new ArchiveInvalid("pg_restore cannot read this archive: " + e.getMessage());
		}
		List<String> entries = listed.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).toList();
		if (entries.isEmpty()) {
			throw new ArchiveInvalid("The archive holds no objects (pg_restore --list found nothing to restore)");
		}
		return new ArchiveListing(entries.size(), entries.stream().limit(20).toList());
	}

	/** pg_restore cannot restore into a server newer than itself: refused before a database is created. */
	@Override
	public void preflight(ConnectionSpec target) {
		PostgresBackupSupport.ServerVersion server = PostgresBackupSupport.serverVersion(target, access);
		clients.forServer(server.major(), server.version());
	}

	@Override
	public void restore(ConnectionSpec target, ArchiveSource archive, RestoreOptions options, ToolControl control)
			throws IOException {
		PostgresBackupSupport.ServerVersion server = PostgresBackupSupport.serverVersion(target, access);
		PostgresClientTools.Client client = clients.forServer(server.major(), server.version());
		List<String> args = new ArrayList<>(List.of(client.tool("pg_restore").toString(), "--exit-on-error", "--no-owner",
				"--no-acl", "--no-password",
				// a conninfo without dbname: host, user, database and password all come from the environment
				"--dbname=application_name=steward-restore"));
		if (options.clean()) {
			args.add("--clean");
			args.add("--if-exists");
		}
		Path staged = null;
		Path ca = null;
		try {
			ToolProcess tool;
			if (options.jobs() > 1) {
				Path file = archive.file();
				if (file == null) {
					// parallel workers seek in the archive: it must be a file
					Files.createDirectories(options.workDir());
					staged = Files.createTempFile(options.workDir(), "restore-", ".pgdump",
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
					try (InputStream in = archive.open()) {
						Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
					}
					file = staged;
				}
				// Steward's archives were streamed, so they carry no data offsets: without them every worker scans
				// the file from the start for each table
				CustomArchiveOffsets.addTo(file);
				control.throwIfAborted();
				args.add("--jobs=" + options.jobs());
				args.add(file.toString());
				tool = ToolProcess.of(args);
				ca = PostgresBackupSupport.environment(tool, target, target.database(), options.workDir(), access);
				tool.run(control);
			}
			else {
				args.add("--single-transaction");
				try (InputStream in = archive.open()) {
					tool = ToolProcess.of(args).stdin(in);
					ca = PostgresBackupSupport.environment(tool, target, target.database(), options.workDir(), access);
					tool.run(control);
				}
			}
		}
		finally {
			if (staged != null) {
				Files.deleteIfExists(staged);
			}
			if (ca != null) {
				Files.deleteIfExists(ca);
			}
		}
	}

	@Override
	public boolean databaseExists(ConnectionSpec server, String database) {
		try (Connection c = PostgresBackupSupport.connect(server, access);
				PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			ps.setString(1, database);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
	}

	@Override
	public ConnectionSpec createDatabase(ConnectionSpec server, String database) {
		// from template0, as PostgreSQL advises for restores: template1 may hold local additions, and copying it
		// fails while anyone is connected to it; template0's encoding and locale are the server's defaults
		execute(server, "CREATE DATABASE " + PostgresBackupSupport.quote(database) + " TEMPLATE template0");
		return server.withDatabase(database);
	}

	@Override
	public void dropDatabase(ConnectionSpec server, String database) {
		ConnectionSpec other = database.equals(server.database()) ? server.withDatabase("postgres") : server;
		execute(other, "DROP DATABASE IF EXISTS " + PostgresBackupSupport.quote(database) + " WITH (FORCE)");
	}

	@Override
	public List<TableRows> countRows(ConnectionSpec spec) {
		try (Connection c = PostgresBackupSupport.connect(spec, access)) {
			return PostgresBackupSupport.tableRows(c, true);
		}
		catch (SQLException e) {
			throw new ToolFailed("Counting rows failed: " + e.getMessage(), e);
		}
	}

	private void execute(ConnectionSpec spec, String sql) {
		try (Connection c = PostgresBackupSupport.connect(spec, access); Statement s = c.createStatement()) {
			s.execute(sql);
		}
		catch (SQLException e) {
			throw new ToolFailed(e.getMessage() == null ? "statement failed" : e.getMessage(), e);
		}
	}
}

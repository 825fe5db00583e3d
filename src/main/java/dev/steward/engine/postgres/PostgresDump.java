package dev.steward.engine.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.ToolProcess;

/**
 * {@code pg_dump -Fc -Z0} (custom format, its own compression off so Steward's zstd does the work) with the
 * client matching the server's major version. Row counts for the manifest are taken in a transaction whose
 * snapshot pg_dump then shares ({@code --snapshot}), so they describe exactly what was dumped.
 */
@Component
public class PostgresDump implements DumpCapability {

	private final PostgresClientTools clients;

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public PostgresDump(PostgresClientTools clients, TargetAccess access) {
		this.clients = clients;
		this.access = access;
	}

	public PostgresDump(PostgresClientTools clients) {
		this(clients, TargetAccess.defaults());
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public String extension() {
		return "pgdump";
	}

	@Override
	public boolean databaseChoice() {
		return true;
	}

	/** Templates; {@code postgres} stays in: it is an ordinary database that often holds data. */
	@Override
	public boolean systemDatabase(String name) {
		return name.equals("template0") || name.equals("template1");
	}

	@Override
	public void preflight(ConnectionSpec spec, DumpOptions options) {
		PostgresBackupSupport.ServerVersion server = PostgresBackupSupport.serverVersion(spec, access);
		clients.forServer(server.major(), server.version());
	}

	/** Counting rows can wait behind the same lock as pg_dump; closing the socket ends the wait on abort. */
	private static void abortQuietly(Connection c) {
		try {
			c.abort(Runnable::run);
		}
		catch (SQLException ignored) {
			// already closed
		}
	}

	static List<String> arguments(PostgresClientTools.Client client, DumpOptions options, String snapshot) {
		List<String> args = new ArrayList<>(List.of(client.tool("pg_dump").toString(), "--format=custom", "--compress=0",
				"--no-password", "--snapshot=" + snapshot));
		switch (options.kind()) {
			case SCHEMA -> args.add("--schema-only");
			case DATA -> args.add("--data-only");
			case FULL -> {
			}
		}
		options.includeSchemas().forEach(s -> args.add("--schema=" + s));
		options.excludeSchemas().forEach(s -> args.add("--exclude-schema=" + s));
		options.includeTables().forEach(t -> args.add("--table=" + t));
		options.excludeTables().forEach(t -> args.add("--exclude-table=" + t));
		return args;
	}

	@Override
	public DumpResult dump(ConnectionSpec spec, DumpOptions options, OutputStream out, ToolControl control)
			throws IOException {
		Path ca = null;
		try (Connection snapshotHolder = PostgresBackupSupport.connect(spec, access);
				AutoCloseable unblock = control.onAbort(() -> abortQuietly(snapshotHolder))) {
			PostgresBackupSupport.ServerVersion server = PostgresBackupSupport.serverVersion(snapshotHolder);
			PostgresClientTools.Client client = clients.forServer(server.major(), server.version());
			snapshotHolder.setAutoCommit(false);
			String snapshot;
			List<TableRows> tables;
			try (Statement s = snapshotHolder.createStatement()) {
				s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
				try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
					rs.next();
					snapshot = rs.getString(1);
				}
			}
			tables = PostgresBackupSupport.tableRows(snapshotHolder, false);
			if (options.kind() == dev.steward.engine.DumpKind.SCHEMA) {
				tables = tables.stream().map(t -> new TableRows(t.name(), 0, true)).toList();
			}
			control.throwIfAborted();
			ToolProcess tool = ToolProcess.of(arguments(client, options, snapshot)).stdout(out);
			ca = PostgresBackupSupport.environment(tool, spec, spec.database(), options.workDir(), access);
			tool.run(control);
			snapshotHolder.rollback();
			return new DumpResult(server.version(), "pg_dump", client.version(), "pg_dump custom (-Fc, uncompressed)", tables, DumpConsistency.SNAPSHOT);
		}
		catch (SQLException e) {
			control.throwIfAborted();
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
		catch (IOException | RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		finally {
			if (ca != null) {
				Files.deleteIfExists(ca);
			}
		}
	}
}

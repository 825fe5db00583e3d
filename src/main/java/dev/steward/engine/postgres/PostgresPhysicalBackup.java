package dev.steward.engine.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.ToolProcess;

/**
 * PostgreSQL base backups ({@code pg_basebackup}), continuous WAL ({@code pg_receivewal} on a physical slot) and
 * restore points. Tools of the server's own major version only: a base backup is a copy of the server's files.
 */
@Component
public class PostgresPhysicalBackup implements PhysicalBackupCapability {

	private static final Pattern LSN = Pattern.compile("^([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})$");

	private static final Pattern SEGMENT = Pattern.compile("^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})$");

	private static final Pattern HISTORY = Pattern.compile("^[0-9A-F]{8}\\.history$");

	/** The base backup's WAL range as its backup_manifest states it (PostgreSQL 13 and later). */
	private static final Pattern RANGE = Pattern.compile(
			"\"Start-LSN\":\\s*\"([0-9A-F]+/[0-9A-F]+)\",\\s*\"End-LSN\":\\s*\"([0-9A-F]+/[0-9A-F]+)\"");

	private final PostgresClientTools clients;

	private final TargetAccess access;

	private final PostgresRestoredServers restored;

	@Autowired
	public PostgresPhysicalBackup(PostgresClientTools clients, TargetAccess access) {
		this.clients = clients;
		this.access = access;
		this.restored = new PostgresRestoredServers(access);
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public List<Prerequisite> prerequisites(ConnectionSpec spec) {
		List<Prerequisite> found = new ArrayList<>();
		ServerFacts facts;
		try (Connection c = PostgresBackupSupport.connect(spec, access); Statement s = c.createStatement()) {
			facts = facts(c);
			String walLevel = single(s, "SELECT current_setting('wal_level')");
			found.add(new Prerequisite("wal_level", !walLevel.equals("minimal"), walLevel,
					"Set wal_level = replica in postgresql.conf and restart the server."));
			String senders = single(s, "SELECT current_setting('max_wal_senders')");
			found.add(new Prerequisite("max_wal_senders", Integer.parseInt(senders) > 0, senders,
					"Set max_wal_senders to at least 2 (one for the WAL stream, one for base backups) and restart the server."));
			String slots = single(s, "SELECT current_setting('max_replication_slots')");
			found.add(new Prerequisite("max_replication_slots", Integer.parseInt(slots) > 0, slots,
					"Set max_replication_slots to at least 1 and restart the server."));
			String role = single(s, "SELECT CASE WHEN rolsuper THEN 'superuser' WHEN rolreplication THEN 'REPLICATION'"
					+ " ELSE 'neither' END FROM pg_roles WHERE rolname = current_user");
			found.add(new Prerequisite("replication role", !role.equals("neither"), role,
					"Give the connection's role the REPLICATION attribute: ALTER ROLE <role> REPLICATION;"));
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
		found.add(clientPrerequisite(facts));
		return found;
	}

	private Prerequisite clientPrerequisite(ServerFacts facts) {
		var same = clients.clients().stream().filter(c -> c.major() == facts.major()
				&& Files.isExecutable(c.tool("pg_basebackup")) && Files.isExecutable(c.tool("pg_receivewal"))).findFirst();
		String have = clients.clients().stream().map(c -> c.version() + " (" + c.binDir() + ")").toList().toString();
		return new Prerequisite("client tools", same.isPresent(), same.map(c -> c.version()).orElse(have),
				"Install pg_basebackup and pg_receivewal of major version " + facts.major()
						+ " (Debian/Ubuntu: apt-get install postgresql-client-" + facts.major() + ").");
	}

	@Override
	public ServerFacts facts(ConnectionSpec spec) {
		try (Connection c = PostgresBackupSupport.connect(spec, access)) {
			return facts(c);
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
	}

	private static ServerFacts facts(Connection c) throws SQLException {
		PostgresBackupSupport.ServerVersion v = PostgresBackupSupport.serverVersion(c);
		try (Statement s = c.createStatement()) {
			long segment = Long.parseLong(single(s, "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'"));
			return new ServerFacts(v.major(), v.version(), segment);
		}
	}

	private static String single(Statement s, String sql) throws SQLException {
		try (ResultSet rs = s.executeQuery(sql)) {
			return rs.next() ? String.valueOf(rs.getString(1)) : "";
		}
	}

	@Override
	public void ensureSlot(ConnectionSpec spec, String slot) {
		try (Connection c = PostgresBackupSupport.connect(spec, access);
				PreparedStatement s = c.prepareStatement("SELECT pg_create_physical_replication_slot(?, true)"
						+ " WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)")) {
			s.setString(1, slot);
			s.setString(2, slot);
			s.execute();
		}
		catch (SQLException e) {
			throw new ToolFailed("Could not create the replication slot " + slot + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void dropSlot(ConnectionSpec spec, String slot) {
		try (Connection c = PostgresBackupSupport.connect(spec, access);
				PreparedStatement s = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
						+ " FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
			s.setString(1, slot);
			s.execute();
		}
		catch (SQLException e) {
			throw new ToolFailed("Could not drop the replication slot " + slot + ": " + e.getMessage(), e);
		}
	}

	@Override
	public @Nullable Long slotRetainedBytes(ConnectionSpec spec, String slot) {
		try (Connection c = PostgresBackupSupport.connect(spec, access);
				PreparedStatement s = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
						+ " FROM pg_replication_slots WHERE slot_name = ?")) {
			s.setString(1, slot);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() ? rs.getLong(1) : null;
			}
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
	}

	@Override
	public Process startWalReceiver(ConnectionSpec spec, String slot, Path dir, Path log) throws IOException {
		PostgresClientTools.Client client = sameMajor(spec);
		ProcessBuilder pb = new ProcessBuilder(client.tool("pg_receivewal").toString(), "--directory=" + dir,
				"--slot=" + slot, "--no-loop", "--status-interval=5");
		pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
		pb.environment().putAll(PostgresToolEnvironment.of(spec, access));
		pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		return pb.start();
	}

	private PostgresClientTools.Client sameMajor(ConnectionSpec spec) {
		ServerFacts facts = facts(spec);
		PostgresClientTools.Client client = clients.forServer(facts.major(), facts.version());
		if (client.major() != facts.major()) {
			throw new ToolUnavailable("Physical backups need pg_basebackup and pg_receivewal of the server's major version "
					+ facts.major() + "; the nearest found is " + client.version() + ".");
		}
		return client;
	}

	@Override
	public long walSequence(String fileName, long segmentSize) {
		Matcher m = SEGMENT.matcher(fileName);
		if (!m.matches()) {
			return -1;
		}
		long perId = 0x100000000L / segmentSize;
		return Long.parseLong(m.group(2), 16) * perId + Long.parseLong(m.group(3), 16);
	}

	@Override
	public boolean isHistoryFile(String fileName) {
		return HISTORY.matcher(fileName).matches();
	}

	@Override
	public BaseBackup baseBackup(ConnectionSpec spec, long segmentSize, Path dir, ToolControl control) throws IOException {
		PostgresClientTools.Client client = sameMajor(spec);
		ToolProcess tool = ToolProcess.of(List.of(client.tool("pg_basebackup").toString(), "--pgdata=" + dir,
				"--format=tar", "--wal-method=none", "--checkpoint=fast", "--no-sync", "--verbose"));
		tool.unsetEnv("PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGHOSTADDR", "PGSSLCERT", "PGSSLKEY",
				"PGDATABASE");
		PostgresToolEnvironment.of(spec, access).forEach(tool::env);
		ToolProcess.Result result = tool.run(control);
		Path manifest = dir.resolve("backup_manifest");
		Matcher m = RANGE.matcher(Files.exists(manifest) ? Files.readString(manifest) : "");
		if (!m.find() || !Files.isRegularFile(dir.resolve("base.tar"))) {
			throw new ToolFailed("pg_basebackup wrote no base.tar with a backup manifest stating its WAL range: "
					+ result.stderr());
		}
		String start = m.group(1);
		String end = m.group(2);
		return new BaseBackup(start, end, sequenceOf(start, segmentSize), sequenceOf(end, segmentSize));
	}

	@Override
	public String createRestorePoint(ConnectionSpec spec, String name) {
		try (Connection c = PostgresBackupSupport.connect(spec, access);
				PreparedStatement s = c.prepareStatement("SELECT pg_create_restore_point(?)::text")) {
			s.setString(1, name);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
		catch (SQLException e) {
			throw new ToolFailed("Could not create the restore point: " + e.getMessage(), e);
		}
	}

	@Override
	public boolean validLsn(String lsn) {
		return LSN.matcher(lsn).matches();
	}

	@Override
	public long lsnValue(String lsn) {
		Matcher m = LSN.matcher(lsn);
		if (!m.matches()) {
			throw new IllegalArgumentException("not a WAL position: " + lsn);
		}
		return (Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16);
	}

	@Override
	public void unpackBase(Path tar, Path dataDir, ToolControl control) throws IOException {
		ToolProcess.of(List.of("tar", "--extract", "--no-same-owner", "--file=" + tar, "--directory=" + dataDir))
			.run(control);
	}

	@Override
	public void configureRecovery(Path dataDir, Path walDir, RecoveryTarget target) throws IOException {
		restored.configure(dataDir, walDir, target);
	}

	@Override
	public RestoredServer startRestored(int major, Path dataDir, int port, ConnectionSpec login, Path log,
			ToolControl control) throws IOException {
		return restored.start(major, dataDir, port, login, log, control);
	}
}

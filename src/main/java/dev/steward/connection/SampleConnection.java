package dev.steward.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.steward.connection.internal.ConnectionProperties;
import dev.steward.connection.internal.ConnectionStore;
import dev.steward.connection.internal.SqlitePaths;
import dev.steward.shared.InvalidInput;

/**
 * On the first start of an empty store, copies the Chinook sample (SQLite) into the first directory SQLite
 * databases may live in (by default {@code <data>/sqlite}) and registers
 * it as a shared connection, so a new installation has something to explore. Offered once: deleting the
 * sample does not bring it back.
 */
@Component
@Order(10) // after AdminBootstrap (0), which creates the owner
class SampleConnection implements ApplicationRunner {

	static final String MARKER = "sample-offered";

	static final String NAME = "Chinook (sample)";

	private static final Logger log = LoggerFactory.getLogger(SampleConnection.class);

	private final ConnectionStore store;

	private final ConnectionProfiles profiles;

	private final ConnectionProperties properties;

	private final SqlitePaths sqlitePaths;

	SampleConnection(ConnectionStore store, ConnectionProfiles profiles, ConnectionProperties properties,
			SqlitePaths sqlitePaths) {
		this.store = store;
		this.profiles = profiles;
		this.properties = properties;
		this.sqlitePaths = sqlitePaths;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!properties.sample().enabled() || store.hasMarker(MARKER)) {
			return;
		}
		if (store.count() > 0) {
			store.setMarker(MARKER); // an existing installation: never offer the sample
			return;
		}
		Optional<UUID> admin = store.firstAdmin();
		if (admin.isEmpty()) {
			return;
		}
		try {
			Path file = copySample(sqlitePaths.allowedDirs().getFirst());
			profiles.createAsSystem(new ConnectionDraft(NAME, "Chinook, a digital music store (SQLite sample database)",
					null, "SQLITE", null, null, null, null, null, null, null, null, file.toString(), null, true, true,
					List.of("sample"), null), admin.get());
			store.setMarker(MARKER);
			log.info("Registered the sample connection '{}' at {}", NAME, file);
		}
		catch (IOException | InvalidInput e) {
			log.warn("Could not set up the sample connection: {}", e.getMessage());
		}
	}

	/**
	 * Temp name, fsync, rename: a crash never leaves a half-written sample behind. Never over an existing file
	 * (the directory may be one the administrator configured and filled): the next free name instead.
	 */
	static Path copySample(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path target = dir.resolve("chinook.sqlite");
		for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
			target = dir.resolve("chinook-" + n + ".sqlite");
		}
		Path temp = dir.resolve(".chinook.sqlite.tmp-" + UUID.randomUUID());
		try {
			try (InputStream in = new ClassPathResource("sample/chinook.sqlite").getInputStream();
					FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
							StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
									PosixFilePermissions.fromString("rw-------")))) {
				OutputStream out = Channels.newOutputStream(channel);
				in.transferTo(out);
				out.flush();
				channel.force(true);
			}
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
		return target;
	}
}

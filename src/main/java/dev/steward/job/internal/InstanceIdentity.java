package dev.steward.job.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.steward.shared.StewardProperties;

/**
 * This instance's name in job leases. Stable across restarts (kept in the data directory), so that at start-up
 * the jobs a previous run of this instance left running are recognised as its own and failed at once.
 */
@Component
public class InstanceIdentity {

	private final String id;

	InstanceIdentity(JobProperties props, StewardProperties steward) {
		this.id = props.instanceId() != null && !props.instanceId().isBlank() ? props.instanceId()
				: loadOrCreate(steward.dataDir().resolve("instance-id"));
	}

	public String id() {
		return id;
	}

	private static String loadOrCreate(Path file) {
		try {
			if (Files.isRegularFile(file)) {
				String s = Files.readString(file, StandardCharsets.UTF_8).strip();
				if (s.matches("[A-Za-z0-9._-]{1,64}")) {
					return s;
				}
			}
			Files.createDirectories(file.getParent());
			String fresh = "steward-" + UUID.randomUUID().toString().substring(0, 13);
			Path temp = file.resolveSibling(file.getFileName() + ".tmp");
			Files.writeString(temp, fresh, StandardCharsets.UTF_8);
			Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			return fresh;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot keep the instance id in " + file, e);
		}
	}
}

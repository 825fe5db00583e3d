package dev.steward.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupProperties;
import dev.steward.backup.StorageTargetKind;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.StewardProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The storage targets by key: the configured ones by name ({@code local} always, {@code s3} when configured) and
 * the managed ones ({@code storage_targets}) by id. A managed target's store is built on first use and rebuilt
 * after its settings change.
 */
@Component
public class BackupStores {

	private final Map<String, BackupStore> configured = new LinkedHashMap<>();

	private final Map<UUID, Managed> managed = new ConcurrentHashMap<>();

	private final Path workDir;

	private final StorageTargetRecords targets;

	private final TargetSecrets secrets;

	private record Managed(OffsetDateTime version, BackupStore store) {
	}

	public BackupStores(BackupProperties props, StewardProperties steward, StorageTargetRecords targets,
			TargetSecrets secrets) {
		this.targets = targets;
		this.secrets = secrets;
		Path local = props.localDir() == null ? steward.dataDir().resolve("backups") : props.localDir();
		try {
			LocalBackupStore localStore = new LocalBackupStore(local);
			configured.put(localStore.name(), localStore);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot create the backup directory " + local, e);
		}
		this.workDir = steward.dataDir().resolve("backup-work");
		BackupProperties.S3 s3 = props.s3();
		if (s3 != null && s3.bucket() != null && !s3.bucket().isBlank()) {
			S3Client client = s3Client(s3.endpoint(), s3.region(), s3.pathStyle() == null || s3.pathStyle(),
					s3.accessKey() == null ? DefaultCredentialsProvider.builder().build()
							: StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())),
					null);
			S3BackupStore store = new S3BackupStore(client, s3.bucket(), s3.prefix() == null ? "" : s3.prefix());
			configured.put(store.name(), store);
		}
	}

	/**
	 * An S3 client for an S3-compatible service. {@code timeout}: bound on each call (a managed target's test and
	 * copies must not hang on an unreachable endpoint); null keeps the SDK's defaults.
	 */
	static S3Client s3Client(@Nullable String endpoint, @Nullable String region, boolean pathStyle,
			AwsCredentialsProvider credentials, @Nullable Duration timeout) {
		var http = UrlConnectionHttpClient.builder();
		if (timeout != null) {
			http.connectionTimeout(timeout).socketTimeout(timeout.multipliedBy(6));
		}
		var builder = S3Client.builder().httpClient(http.build())
			.region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
			.forcePathStyle(pathStyle)
			// plain signed payloads: S3-compatible services (MinIO, s3proxy, Ceph) do not all speak aws-chunked trailers
			.requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
			.serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.credentialsProvider(credentials);
		if (endpoint != null && !endpoint.isBlank()) {
			builder.endpointOverride(URI.create(endpoint));
		}
		return builder.build();
	}

	/** The store of a target key: a configured name, or a managed target's id (or its name, for convenience). */
	public BackupStore get(String key) {
		BackupStore store = configured.get(key);
		if (store != null) {
			return store;
		}
		Optional<StorageTargetRow> row = managedRow(key);
		if (row.isEmpty()) {
			throw new InvalidInput("storage", "unknown storage target '" + key.replaceAll("[^A-Za-z0-9_-]", "?")
					+ "'; known: " + String.join(", ", names()));
		}
		return store(row.get());
	}

	/** The canonical key of a target named by key or managed name; InvalidInput on {@code field} when unknown. */
	public String key(String keyOrName, String field) {
		if (configured.containsKey(keyOrName)) {
			return keyOrName;
		}
		return managedRow(keyOrName).map(r -> r.id().toString())
			.orElseThrow(() -> new InvalidInput(field, "unknown storage target '"
					+ keyOrName.replaceAll("[^A-Za-z0-9_-]", "?") + "'; known: " + String.join(", ", names())));
	}

	/** The target's display name: a configured name, or a managed target's name. */
	public String displayName(String key) {
		if (configured.containsKey(key)) {
			return key;
		}
		return managedRow(key).map(StorageTargetRow::name).orElse(key);
	}

	private Optional<StorageTargetRow> managedRow(String key) {
		try {
			return targets.find(UUID.fromString(key));
		}
		catch (IllegalArgumentException e) {
			return key.length() > 100 ? Optional.empty() : targets.findByName(key);
		}
	}

	/** The store for a managed target's current settings. */
	public BackupStore store(StorageTargetRow row) {
		Managed m = managed.get(row.id());
		if (m != null && m.version().equals(row.updatedAt())) {
			return m.store();
		}
		BackupStore store = build(row);
		Managed old = managed.put(row.id(), new Managed(row.updatedAt(), store));
		if (old != null && old.store() instanceof S3BackupStore s3) {
			s3.close();
		}
		return store;
	}

	/** A store for settings not (yet) saved, e.g. to test them; the caller closes an S3 one. */
	BackupStore build(StorageTargetRow row) {
		String key = row.id().toString();
		if (row.kind() == StorageTargetKind.LOCAL) {
			try {
				return new LocalBackupStore(key, Path.of(String.valueOf(row.path())));
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot create the target directory " + row.path(), e);
			}
		}
		AwsCredentialsProvider credentials = row.accessKeyEnc() == null
				? software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()
				: StaticCredentialsProvider.create(AwsBasicCredentials.create(
						secrets.open(row.accessKeyEnc(), row.id(), "access-key"),
						row.secretKeyEnc() == null ? "" : secrets.open(row.secretKeyEnc(), row.id(), "secret-key")));
		S3Client client = s3Client(row.endpoint(), row.region(), row.pathStyle(), credentials, Duration.ofSeconds(10));
		return new S3BackupStore(key, client, String.valueOf(row.bucket()), row.prefix() == null ? "" : row.prefix());
	}

	/** Forgets a managed target's store (deleted). */
	public void evict(UUID id) {
		Managed old = managed.remove(id);
		if (old != null && old.store() instanceof S3BackupStore s3) {
			s3.close();
		}
	}

	/** Keys of every target: the configured names, then the managed ids. */
	public List<String> names() {
		List<String> all = new ArrayList<>(configured.keySet());
		targets.all().forEach(r -> all.add(r.id().toString()));
		return all;
	}

	public boolean isConfigured(String key) {
		return configured.containsKey(key);
	}

	/** The configured targets' stores (read-only entries of the target list). */
	public Map<String, BackupStore> configured() {
		return Map.copyOf(configured);
	}

	/** Every store: configured, then managed. */
	public List<BackupStore> all() {
		List<BackupStore> all = new ArrayList<>(configured.values());
		for (StorageTargetRow row : targets.all()) {
			try {
				all.add(store(row));
			}
			catch (RuntimeException e) {
				// an unreadable managed target is reported where it is used
			}
		}
		return all;
	}

	/** Private scratch space for SQLite copies and staged parallel restores. */
	public Path workDir() {
		return workDir;
	}
}

package dev.steward.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.steward.backup.BackupProperties;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.StewardProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The configured storage targets by name: {@code local} always, {@code s3} when configured. */
@Component
public class BackupStores {

	private final Map<String, BackupStore> stores = new LinkedHashMap<>();

	private final Path workDir;

	public BackupStores(BackupProperties props, StewardProperties steward) {
		Path local = props.localDir() == null ? steward.dataDir().resolve("backups") : props.localDir();
		try {
			LocalBackupStore localStore = new LocalBackupStore(local);
			stores.put(localStore.name(), localStore);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot create the backup directory " + local, e);
		}
		this.workDir = steward.dataDir().resolve("backup-work");
		BackupProperties.S3 s3 = props.s3();
		if (s3 != null && s3.bucket() != null && !s3.bucket().isBlank()) {
			var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
				.region(Region.of(s3.region() == null ? "us-east-1" : s3.region()))
				.forcePathStyle(s3.pathStyle() == null || s3.pathStyle())
				// plain signed payloads: S3-compatible services (MinIO, s3proxy, Ceph) do not all speak aws-chunked trailers
				.requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
				.serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().chunkedEncodingEnabled(false).build());
			if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
				builder.endpointOverride(URI.create(s3.endpoint()));
			}
			builder.credentialsProvider(s3.accessKey() != null
					? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
					: DefaultCredentialsProvider.builder().build());
			S3BackupStore store = new S3BackupStore(builder.build(), s3.bucket(), s3.prefix() == null ? "" : s3.prefix());
			stores.put(store.name(), store);
		}
	}

	public BackupStore get(String name) {
		BackupStore store = stores.get(name);
		if (store == null) {
			throw new InvalidInput("storage", "unknown storage target '" + name.replaceAll("[^A-Za-z0-9_-]", "?")
					+ "'; configured: " + String.join(", ", stores.keySet()));
		}
		return store;
	}

	public List<String> names() {
		return List.copyOf(stores.keySet());
	}

	public List<BackupStore> all() {
		return List.copyOf(stores.values());
	}

	/** Private scratch space for SQLite copies and staged parallel restores. */
	public Path workDir() {
		return workDir;
	}
}

package dev.steward.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.backup.Compression;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 storage against an in-process s3proxy, and local storage on a real, tiny, full file system. */
class BackupStorageIntegrationTests {

	@TempDir
	Path dir;

	S3Proxy proxy;

	S3Client s3;

	@BeforeEach
	void startS3() throws Exception {
		BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
			.build(BlobStoreContext.class);
		proxy = S3Proxy.builder().blobStore(context.getBlobStore()).awsAuthentication(AuthenticationType.AWS_V2_OR_V4,
				"access", "secret").endpoint(URI.create("http://127.0.0.1:0")).build();
		proxy.start();
		while (!proxy.getState().equals("STARTED")) {
			Thread.sleep(10);
		}
		s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1).forcePathStyle(true)
			.requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
			.serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))).build();
		s3.createBucket(b -> b.bucket("backups"));
	}

	@AfterEach
	void stopS3() throws Exception {
		s3.close();
		proxy.stop();
	}

	@Test
	void multipartUploadRoundTripsThroughThePipeline() throws Exception {
		S3BackupStore store = new S3BackupStore(s3, "backups", "steward");
		BackupKey key = new BackupKey("k", new byte[32]);
		byte[] dump = new byte[20 * 1024 * 1024 + 123];
		new Random(3).nextBytes(dump);
		BackupStore.Upload upload = store.create("c1/big.bin", 0);
		BackupPipeline.Writer w = BackupPipeline.writer(upload.stream(), Compression.NONE, 0, key);
		w.input().write(dump);
		String sha = w.finish();
		assertThat(store.exists("c1/big.bin")).isFalse();
		upload.commit();
		assertThat(store.exists("c1/big.bin")).isTrue();
		try (BackupPipeline.Reader r = BackupPipeline.reader(store.open("c1/big.bin"), Compression.NONE, true, id -> key)) {
			assertThat(r.readAllBytes()).isEqualTo(dump);
			r.verifyChecksum(sha);
		}
		store.delete("c1/big.bin");
		assertThat(store.exists("c1/big.bin")).isFalse();
	}

	@Test
	void aMissingObjectIsReportedAsMissingWithWhereItShouldBe() throws Exception {
		S3BackupStore s3Store = new S3BackupStore(s3, "backups", "steward");
		assertThatThrownBy(() -> s3Store.open("c1/gone.bin")).isInstanceOf(java.nio.file.NoSuchFileException.class);
		assertThat(s3Store.describeMissing("c1/gone.bin")).isEqualTo("object s3://backups/steward/c1/gone.bin does not exist");

		LocalBackupStore local = new LocalBackupStore(dir.resolve("local"));
		assertThatThrownBy(() -> local.open("c1/gone.bin")).isInstanceOf(java.nio.file.NoSuchFileException.class);
		assertThat(local.describeMissing("c1/gone.bin")).contains(dir.resolve("local/c1/gone.bin").toString())
			.contains("nor does its folder");
		Files.createDirectories(dir.resolve("local/c1"));
		assertThat(local.describeMissing("c1/gone.bin")).doesNotContain("folder");
	}

	@Test
	void aFailedUploadIsAbortedAndLeavesNoObjectAndNoOpenUpload() throws Exception {
		S3BackupStore store = new S3BackupStore(s3, "backups", "steward");
		BackupStore.Upload upload = store.create("c1/broken.bin", 0);
		upload.stream().write(new byte[9 * 1024 * 1024]); // one part sent
		assertThat(store.openUploads()).containsExactly("steward/c1/broken.bin");
		upload.abort();
		assertThat(store.openUploads()).isEmpty();
		assertThat(store.exists("c1/broken.bin")).isFalse();
		// a restart cleans up what a crash left open
		store.create("c1/crashed.bin", 0).stream().write(new byte[9 * 1024 * 1024]);
		assertThat(store.cleanupPartials()).isEqualTo(1);
		assertThat(store.openUploads()).isEmpty();
	}

	@Test
	void aFullDiskFailsTheUploadAndLeavesNoPartialFile() throws Exception {
		Path mount = dir.resolve("tiny");
		Files.createDirectories(mount);
		Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
			.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor()).as("mounting a 1 MiB tmpfs (tests run as root): " + out).isZero();
		try {
			LocalBackupStore store = new LocalBackupStore(mount.resolve("backups"));
			BackupStore.Upload upload = store.create("c1/full.bin", 0);
			byte[] data = new byte[4 * 1024 * 1024];
			new Random(1).nextBytes(data);
			assertThatThrownBy(() -> {
				BackupPipeline.Writer w = BackupPipeline.writer(upload.stream(), Compression.ZSTD, 1, null);
				try (OutputStream in = w.input()) {
					in.write(data);
				}
				w.finish();
				upload.commit();
			}).isInstanceOf(IOException.class).satisfies(e -> assertThat(dev.steward.job.JobFailure.of(e).reason())
				.as("a full disk is typed, whatever the operating system's words").isEqualTo(dev.steward.job.ReasonCode.DISK_FULL));
			upload.abort();
			try (var files = Files.walk(mount.resolve("backups"))) {
				assertThat(files.filter(Files::isRegularFile)).isEmpty();
			}
		}
		finally {
			// lazy: detaches even if a failed assertion left a file open on it
			new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
		}
	}

	static void drain(InputStream in) throws IOException {
		in.transferTo(OutputStream.nullOutputStream());
	}
}

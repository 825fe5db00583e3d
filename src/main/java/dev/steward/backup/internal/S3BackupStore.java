package dev.steward.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3-compatible bucket. Uploads are multipart with a part size chosen from the expected size, so that a
 * dump of that size (with 50% headroom) stays under S3's 10,000-part limit; a failed upload is aborted.
 * Memory: one part buffer per running upload.
 */
public final class S3BackupStore implements BackupStore {

	private static final Logger log = LoggerFactory.getLogger(S3BackupStore.class);

	static final int MAX_PARTS = 10_000;

	static final long MIN_PART = 8L * 1024 * 1024;

	static final long MAX_PART = 512L * 1024 * 1024;

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final String name;

	public S3BackupStore(S3Client s3, String bucket, String prefix) {
		this("s3", s3, bucket, prefix);
	}

	/** {@code name}: the target's key as backups record it ({@code s3}, or a managed target's id). */
	public S3BackupStore(String name, S3Client s3, String bucket, String prefix) {
		this.name = name;
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
	}

	@Override
	public String name() {
		return name;
	}

	/** Closes the client (managed targets replaced after an edit). */
	public void close() {
		s3.close();
	}

	/** Part size for an expected object size: at least 8 MiB, enough that 1.5 × expected fits in 9,000 parts. */
	static long partSize(long expectedSize) {
		long needed = (long) Math.ceil(expectedSize * 1.5 / (MAX_PARTS - 1000));
		long rounded = ((Math.max(needed, MIN_PART) + (1 << 20) - 1) >> 20) << 20;
		return Math.min(rounded, MAX_PART);
	}

	String key(String objectName) {
		if (objectName.contains("..") || objectName.startsWith("/")) {
			throw new IllegalArgumentException("bad backup object name " + objectName);
		}
		return prefix + objectName;
	}

	@Override
	public Upload create(String objectName, long expectedSize) throws IOException {
		String key = key(objectName);
		int partSize = (int) partSize(expectedSize);
		String uploadId;
		try {
			uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
		}
		catch (SdkException e) {
			throw new IOException("S3: could not start the upload of " + key + ": " + e.getMessage(), e);
		}
		return new MultipartUpload0(key, uploadId, partSize);
	}

	private final class MultipartUpload0 extends OutputStream implements Upload {

		private final String key;

		private final String uploadId;

		private final byte[] buffer;

		private int filled;

		private final List<CompletedPart> parts = new ArrayList<>();

		private boolean finished;

		MultipartUpload0(String key, String uploadId, int partSize) {
			this.key = key;
			this.uploadId = uploadId;
			this.buffer = new byte[partSize];
		}

		@Override
		public OutputStream stream() {
			return this;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (finished) {
				throw new IOException("upload already finished");
			}
			while (len > 0) {
				int n = Math.min(len, buffer.length - filled);
				System.arraycopy(b, off, buffer, filled, n);
				filled += n;
				off += n;
				len -= n;
				if (filled == buffer.length) {
					sendPart();
				}
			}
		}

		private void sendPart() throws IOException {
			int number = parts.size() + 1;
			if (number > MAX_PARTS) {
				throw new IOException("S3: the backup outgrew " + MAX_PARTS + " parts of " + buffer.length + " bytes");
			}
			try {
				UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
					.contentLength((long) filled), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled)));
				parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
			}
			catch (SdkException e) {
				throw new IOException("S3: uploading part " + number + " of " + key + " failed: " + e.getMessage(), e);
			}
			filled = 0;
		}

		@Override
		public void close() {
			// closing the stream does not commit
		}

		@Override
		public void commit() throws IOException {
			try {
				if (filled > 0 || parts.isEmpty()) {
					sendPart();
				}
				s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
					.multipartUpload(u -> u.parts(parts)));
				finished = true;
			}
			catch (SdkException e) {
				throw new IOException("S3: completing the upload of " + key + " failed: " + e.getMessage(), e);
			}
			finally {
				if (!finished) {
					abort();
				}
			}
		}

		@Override
		public void abort() {
			if (finished) {
				return;
			}
			finished = true;
			try {
				s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
			}
			catch (SdkException e) {
				log.warn("S3: could not abort the multipart upload of {}: {}", key, e.getMessage());
			}
		}
	}

	@Override
	public InputStream open(String objectName) throws IOException {
		try {
			return s3.getObject(b -> b.bucket(bucket).key(key(objectName)));
		}
		catch (NoSuchKeyException e) {
			throw new java.nio.file.NoSuchFileException(objectName);
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
			// some S3-compatible services answer a bare 404 rather than NoSuchKey
			if (e.statusCode() == 404) {
				throw new java.nio.file.NoSuchFileException(objectName);
			}
			throw new IOException("S3: could not read " + objectName + ": " + e.getMessage(), e);
		}
		catch (SdkException e) {
			throw new IOException("S3: could not read " + objectName + ": " + e.getMessage(), e);
		}
	}

	@Override
	public String location(String objectName) {
		return "s3://" + bucket + "/" + key(objectName);
	}

	@Override
	public String describeMissing(String objectName) {
		return "object s3://" + bucket + "/" + key(objectName) + " does not exist";
	}

	@Override
	public boolean exists(String objectName) throws IOException {
		try {
			s3.headObject(b -> b.bucket(bucket).key(key(objectName)));
			return true;
		}
		catch (NoSuchKeyException e) {
			return false;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
			if (e.statusCode() == 404) {
				return false;
			}
			throw new IOException("S3: " + e.getMessage(), e);
		}
	}

	@Override
	public void delete(String objectName) throws IOException {
		try {
			s3.deleteObject(b -> b.bucket(bucket).key(key(objectName)));
		}
		catch (SdkException e) {
			throw new IOException("S3: could not delete " + objectName + ": " + e.getMessage(), e);
		}
	}

	@Override
	public int cleanupPartials() throws IOException {
		try {
			List<MultipartUpload> open = s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads();
			for (MultipartUpload u : open) {
				s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
			}
			return open.size();
		}
		catch (SdkException e) {
			throw new IOException("S3: could not list open uploads: " + e.getMessage(), e);
		}
	}

	/** Open multipart uploads under the prefix (tests check that failures leave none). */
	public List<String> openUploads() {
		return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
			.map(MultipartUpload::key).toList();
	}
}

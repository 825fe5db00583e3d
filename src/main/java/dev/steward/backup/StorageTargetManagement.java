package dev.steward.backup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.backup.internal.BackupAccess;
import dev.steward.backup.internal.BackupCopies;
import dev.steward.backup.internal.BackupStore;
import dev.steward.backup.internal.BackupStores;
import dev.steward.backup.internal.LocalBackupStore;
import dev.steward.backup.internal.StorageTargetRecords;
import dev.steward.backup.internal.StorageTargetRow;
import dev.steward.backup.internal.TargetPaths;
import dev.steward.backup.internal.TargetProbe;
import dev.steward.backup.internal.TargetSecrets;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Storage targets: the configured ones (read-only) and the managed ones (ADMIN creates, edits, deletes and tests).
 * OPERATORs read everything but credentials; VIEWERs read names only.
 */
@Service
public class StorageTargetManagement {

	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

	private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]{0,200}");

	private final StorageTargetRecords records;

	private final BackupStores stores;

	private final TargetPaths paths;

	private final TargetSecrets secrets;

	private final BackupCopies copies;

	private final BackupProperties props;

	private final List<StorageTargetReferences> references;

	private final ApplicationEventPublisher events;

	private final org.springframework.transaction.support.TransactionTemplate tx;

	/** The last test of each configured target (managed ones keep theirs in the store). */
	private final Map<String, StorageTestResult> configuredTests = new ConcurrentHashMap<>();

	StorageTargetManagement(StorageTargetRecords records, BackupStores stores, TargetPaths paths, TargetSecrets secrets,
			BackupCopies copies, BackupProperties props, List<StorageTargetReferences> references,
			ApplicationEventPublisher events, org.springframework.transaction.support.TransactionTemplate tx) {
		this.tx = tx;
		this.records = records;
		this.stores = stores;
		this.paths = paths;
		this.secrets = secrets;
		this.copies = copies;
		this.props = props;
		this.references = references;
		this.events = events;
	}

	public List<StorageTargetView> list() {
		boolean names = !CurrentUser.require().canOperate();
		Map<String, Long> counts = copies.countsByTarget();
		List<StorageTargetView> all = new ArrayList<>();
		stores.configured().forEach((key, store) -> all.add(configuredView(key, store, counts)));
		all.sort(java.util.Comparator.comparing(StorageTargetView::id));
		records.all().forEach(r -> all.add(view(r, counts)));
		return names ? all.stream().map(StorageTargetView::namesOnly).toList() : all;
	}

	/**
	 * Every target with its free space, no current user: for alert rules acting as the system. Credentials are
	 * never in a view anyway.
	 */
	public List<StorageTargetView> listAsSystem() {
		Map<String, Long> counts = copies.countsByTarget();
		List<StorageTargetView> all = new ArrayList<>();
		stores.configured().forEach((key, store) -> all.add(configuredView(key, store, counts)));
		records.all().forEach(r -> all.add(view(r, counts)));
		return all;
	}

	public StorageTargetView get(String id) {
		boolean names = !CurrentUser.require().canOperate();
		Map<String, Long> counts = copies.countsByTarget();
		StorageTargetView view = stores.isConfigured(id) ? configuredView(id, stores.get(id), counts)
				: view(managed(id), counts);
		return names ? view.namesOnly() : view;
	}

	private StorageTargetRow managed(String id) {
		try {
			return records.find(UUID.fromString(id)).orElseThrow(() -> new NotFound("Storage target", id));
		}
		catch (IllegalArgumentException e) {
			throw new NotFound("Storage target", id.replaceAll("[^A-Za-z0-9_-]", "?"));
		}
	}

	@Transactional
	public StorageTargetView create(StorageTargetDraft draft) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		StorageTargetRow row = validated(id, draft, null, now, now);
		records.insert(row);
		events.publishEvent(new StorageTargetEvents.TargetCreated(Actor.current(), id, row.name(), row.kind()));
		return view(row, Map.of());
	}

	@Transactional
	public StorageTargetView update(String id, StorageTargetDraft draft) {
		StorageTargetRow old = managedForWrite(id);
		StorageTargetRow row = validated(old.id(), draft, old, old.createdAt(), OffsetDateTime.now(ZoneOffset.UTC));
		if (row.kind() != old.kind() && copies.countOn(id) > 0) {
			throw new Conflict("The target holds backups; its kind cannot change");
		}
		records.update(row);
		stores.evict(old.id());
		events.publishEvent(new StorageTargetEvents.TargetUpdated(Actor.current(), old.id(), row.name()));
		return view(records.find(old.id()).orElseThrow(), copies.countsByTarget());
	}

	/** Refused (409) while backups have copies on it or a schedule names it. */
	@Transactional
	public void delete(String id) {
		StorageTargetRow row = managedForWrite(id);
		long held = copies.countOn(id);
		if (held > 0) {
			throw new Conflict("The target holds " + held + " backup cop" + (held == 1 ? "y" : "ies")
					+ "; delete those backups first");
		}
		List<String> users = references.stream().flatMap(r -> r.referencing(id).stream()).toList();
		if (!users.isEmpty()) {
			throw new Conflict("The target is used by " + String.join(", ", users) + "; remove it there first");
		}
		records.delete(row.id());
		stores.evict(row.id());
		events.publishEvent(new StorageTargetEvents.TargetDeleted(Actor.current(), row.id(), row.name()));
	}

	private StorageTargetRow managedForWrite(String id) {
		if (stores.isConfigured(id)) {
			throw new Conflict("The target '" + id + "' is configured in Steward's settings and is read-only here");
		}
		return managed(id);
	}

	/** Writes, reads back and deletes a probe object; audited; a managed target keeps the result. */
	public StorageTestResult test(String id) {
		StorageTestResult result;
		String name;
		if (stores.isConfigured(id)) {
			name = id;
			result = TargetProbe.run(stores.get(id));
			configuredTests.put(id, result);
		}
		else {
			StorageTargetRow row = managed(id);
			name = row.name();
			result = probe(row);
		}
		String error = result.steps().stream().filter(s -> s.error() != null).map(s -> s.step() + ": " + s.error())
			.findFirst().orElse(null);
		Actor actor = Actor.current();
		StorageTestResult done = result;
		// the probe ran outside any transaction (no store connection held during remote I/O); the record and audit in one
		tx.executeWithoutResult(s -> {
			if (!stores.isConfigured(id)) {
				records.recordTest(UUID.fromString(id), done.ok(), done.testedAt(), BackupAccess.JSON.writeValueAsString(done));
			}
			events.publishEvent(new StorageTargetEvents.TargetTested(actor, id, name, done.ok(), error));
		});
		return result;
	}

	private StorageTestResult probe(StorageTargetRow row) {
		try {
			return TargetProbe.run(stores.store(row));
		}
		catch (RuntimeException e) {
			// the store could not even be built (unreadable credentials, a directory that cannot be made)
			return new StorageTestResult(false, OffsetDateTime.now(ZoneOffset.UTC), 0,
					List.of(new StorageTestResult.Step(StorageTestResult.StepName.WRITE, false, false, 0,
							String.valueOf(e.getMessage())),
							new StorageTestResult.Step(StorageTestResult.StepName.READ, false, true, 0, null),
							new StorageTestResult.Step(StorageTestResult.StepName.DELETE, false, true, 0, null)));
		}
	}

	private StorageTargetRow validated(UUID id, StorageTargetDraft d, @Nullable StorageTargetRow old,
			OffsetDateTime created, OffsetDateTime updated) {
		String name = d.name().strip();
		if (stores.isConfigured(name)) {
			throw new Conflict("'" + name + "' is the name of a configured target");
		}
		records.findByName(name).filter(r -> !r.id().equals(id)).ifPresent(r -> {
			throw new Conflict("A storage target named '" + name + "' exists");
		});
		if (d.kind() == StorageTargetKind.LOCAL) {
			Path path = paths.check(d.path(), id);
			return new StorageTargetRow(id, name, d.kind(), path.toString(), null, null, null, null, false, null, null,
					null, created, updated);
		}
		String bucket = required(d.bucket(), "bucket");
		if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
			throw new InvalidInput("bucket", "is not a valid bucket name (3-63 of a-z, 0-9, '.', '-')");
		}
		String region = blankToNull(d.region());
		if (region != null && !REGION.matcher(region).matches()) {
			throw new InvalidInput("region", "is not a valid region (a-z, 0-9, '-')");
		}
		String prefix = blankToNull(d.prefix());
		if (prefix != null && (!PREFIX.matcher(prefix).matches() || prefix.startsWith("/") || prefix.contains(".."))) {
			throw new InvalidInput("prefix", "may hold a-z, A-Z, 0-9, '.', '_', '-', '/', not start with '/' nor contain '..'");
		}
		String endpoint = endpoint(blankToNull(d.endpoint()));
		String ak = secret(d.accessKey(), old == null ? null : old.accessKeyEnc(), id, "access-key");
		String sk = secret(d.secretKey(), old == null ? null : old.secretKeyEnc(), id, "secret-key");
		if ((ak == null) != (sk == null)) {
			throw new InvalidInput(ak == null ? "accessKey" : "secretKey", "give both the access key and the secret, or neither");
		}
		return new StorageTargetRow(id, name, d.kind(), null, endpoint, region, bucket, prefix,
				d.pathStyle() == null || d.pathStyle(), ak, sk, null, created, updated);
	}

	/** null keeps the stored value, "" removes it, anything else is sealed. */
	private @Nullable String secret(@Nullable String given, @Nullable String stored, UUID id, String field) {
		if (given == null) {
			return stored;
		}
		return given.isEmpty() ? null : sealed(given, id, field);
	}

	private String sealed(String value, UUID id, String field) {
		return secrets.seal(value, id, field);
	}

	/** http(s) with a host; link-local addresses (cloud metadata services) are refused. */
	private static @Nullable String endpoint(@Nullable String raw) {
		if (raw == null) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(raw);
		}
		catch (URISyntaxException e) {
			throw new InvalidInput("endpoint", "is not a valid URL");
		}
		if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
				|| uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
			throw new InvalidInput("endpoint", "must be an http:// or https:// URL with a host and no user, query or fragment");
		}
		try {
			for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
				if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
					throw new InvalidInput("endpoint", "must not point at a link-local, wildcard or multicast address");
				}
			}
		}
		catch (UnknownHostException e) {
			// an unknown name is saved as given; the test says it cannot be reached
		}
		return raw;
	}

	private static String required(@Nullable String v, String field) {
		if (v == null || v.isBlank()) {
			throw new InvalidInput(field, "is required for an S3 target");
		}
		return v.strip();
	}

	private static @Nullable String blankToNull(@Nullable String v) {
		return v == null || v.isBlank() ? null : v.strip();
	}

	private StorageTargetView view(StorageTargetRow r, Map<String, Long> counts) {
		StorageTestResult test = r.lastTestJson() == null ? null
				: BackupAccess.JSON.readValue(r.lastTestJson(), StorageTestResult.class);
		Long usable = null;
		Long total = null;
		if (r.kind() == StorageTargetKind.LOCAL && r.path() != null) {
			long[] space = space(Path.of(r.path()));
			usable = space == null ? null : space[0];
			total = space == null ? null : space[1];
		}
		return new StorageTargetView(r.id().toString(), r.name(), r.kind(), true, r.path(), r.endpoint(), r.region(),
				r.bucket(), r.prefix(), r.kind() == StorageTargetKind.S3 ? r.pathStyle() : null,
				r.kind() == StorageTargetKind.S3 ? r.accessKeyEnc() != null : null, usable, total, test, r.createdAt(),
				r.updatedAt(), counts.getOrDefault(r.id().toString(), 0L));
	}

	private StorageTargetView configuredView(String key, BackupStore store, Map<String, Long> counts) {
		StorageTestResult test = configuredTests.get(key);
		if (store instanceof LocalBackupStore local) {
			long[] space = space(local.root());
			return new StorageTargetView(key, key, StorageTargetKind.LOCAL, false, local.root().toString(), null, null,
					null, null, null, null, space == null ? null : space[0], space == null ? null : space[1], test, null,
					null, counts.getOrDefault(key, 0L));
		}
		BackupProperties.S3 s3 = props.s3();
		return new StorageTargetView(key, key, StorageTargetKind.S3, false, null, s3 == null ? null : s3.endpoint(),
				s3 == null ? null : s3.region(), s3 == null ? null : s3.bucket(), s3 == null ? null : s3.prefix(),
				s3 == null ? null : s3.pathStyle() == null || s3.pathStyle(), s3 != null && s3.accessKey() != null, null,
				null, test, null, null, counts.getOrDefault(key, 0L));
	}

	/** Usable and total bytes of the file store holding {@code dir} (or its nearest existing ancestor). */
	private static long @Nullable [] space(Path dir) {
		Path p = dir;
		while (p != null && !Files.exists(p)) {
			p = p.getParent();
		}
		if (p == null) {
			return null;
		}
		try {
			FileStore fs = Files.getFileStore(p);
			return new long[] { fs.getUsableSpace(), fs.getTotalSpace() };
		}
		catch (IOException e) {
			return null;
		}
	}
}

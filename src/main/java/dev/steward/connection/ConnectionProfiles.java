package dev.steward.connection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionEvents.ConnectionActiveChanged;
import dev.steward.connection.ConnectionEvents.ConnectionCreated;
import dev.steward.connection.ConnectionEvents.ConnectionDeleted;
import dev.steward.connection.ConnectionEvents.ConnectionTested;
import dev.steward.connection.ConnectionEvents.ConnectionUpdated;
import dev.steward.connection.internal.ConnectionProperties;
import dev.steward.connection.internal.ConnectionRow;
import dev.steward.connection.internal.ConnectionStore;
import dev.steward.connection.internal.CredentialCipher;
import dev.steward.connection.internal.CredentialsUnreadable;
import dev.steward.connection.internal.DraftRules;
import dev.steward.connection.internal.DraftRules.Candidate;
import dev.steward.connection.internal.SshRow;
import dev.steward.connection.internal.SshRules;
import dev.steward.connection.internal.SshRules.SshCandidate;
import dev.steward.connection.internal.TunnelledConnections;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConnectionTestResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.Engines;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TargetPools;
import dev.steward.engine.TargetUnreachable;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * The registry of target databases: who may see and change which connection, secrets sealed at rest,
 * tests, and the one {@link ConnectionLookup} other modules use. Private connections are visible to their
 * owner only, shared ones to everybody, all of them to administrators; what one may not see is 404.
 */
@Service
public class ConnectionProfiles implements ConnectionLookup {

	private final ConnectionStore store;

	private final CredentialCipher cipher;

	private final DraftRules rules;

	private final Engines engines;

	private final TargetPools pools;

	private final ConnectionProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final SshRules sshRules;

	private final TunnelledConnections tunnelled;

	private static final long MARK_USED_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** When {@link #markUsed} last wrote, per connection (monotonic nanos). */
	private final Map<UUID, Long> lastMarked = new ConcurrentHashMap<>();

	ConnectionProfiles(ConnectionStore store, CredentialCipher cipher, DraftRules rules, Engines engines,
			TargetPools pools, ConnectionProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, SshRules sshRules, TunnelledConnections tunnelled) {
		this.sshRules = sshRules;
		this.tunnelled = tunnelled;
		this.store = store;
		this.cipher = cipher;
		this.rules = rules;
		this.engines = engines;
		this.pools = pools;
		this.properties = properties;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
	}

	// ---- reading -------------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public List<ConnectionProfile> list(ConnectionFilter filter) {
		CurrentUser user = CurrentUser.require();
		EngineKind engine = filter.engine() == null || filter.engine().isBlank() ? null : engine(filter.engine());
		String q = filter.q() == null || filter.q().isBlank() ? null : filter.q().toLowerCase(Locale.ROOT).strip();
		return store.findAll()
			.stream()
			.filter(row -> visible(row, user))
			.filter(row -> engine == null || row.engine().equals(engine))
			.filter(row -> filter.active() == null || row.active() == filter.active())
			.filter(row -> filter.tag() == null || filter.tag().isBlank()
					|| row.tags().stream().anyMatch(t -> t.equalsIgnoreCase(filter.tag().strip())))
			.filter(row -> q == null || matches(row, q))
			.map(row -> profile(row, user))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<UUID> visibleIds() {
		CurrentUser user = CurrentUser.require();
		return store.visibleIds(user.id(), user.isAdmin());
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<UUID> allIdsAsSystem() {
		return store.visibleIds(new UUID(0, 0), true);
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> tagsAsSystem(UUID id) {
		return store.findById(id).map(ConnectionRow::tags).orElse(List.of());
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Optional<java.time.Instant> createdAtAsSystem(UUID id) {
		return store.findById(id).map(r -> r.createdAt().toInstant());
	}

	@Transactional(readOnly = true)
	public ConnectionProfile get(UUID id) {
		CurrentUser user = CurrentUser.require();
		return profile(visibleRow(id, user), user);
	}

	public List<EngineInfo> engines() {
		return engines.adapters().stream().map(adapter -> EngineInfo.of(adapter.engine(), adapter.traits())).toList();
	}

	public ParsedConnectionUrl parseUrl(String url) {
		Candidate candidate = rules.check(new ConnectionDraft(null, null, url, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null), false);
		ConnectionSpec spec = candidate.spec();
		return new ParsedConnectionUrl(spec.engine(), spec.host(), spec.port(), spec.database(), spec.username(),
				candidate.password() != null, spec.sslMode(), spec.filePath());
	}

	// ---- changing ------------------------------------------------------------------------------------

	@Transactional
	public ConnectionProfile create(ConnectionDraft draft) {
		CurrentUser user = CurrentUser.require();
		requireOperator(user);
		ConnectionRow row = insert(draft, user.id(), Actor.current());
		return profile(row, user);
	}

	/**
	 * Registers a connection Steward made for a user (a restored server instance), owned by {@code ownerId}; needs no
	 * current user (it runs in a job). The usual rules (host rule, unique name) apply. Answers its id.
	 */
	@Transactional
	public UUID createOnBehalf(ConnectionDraft draft, UUID ownerId, Actor actor) {
		return insert(draft, ownerId, actor).id();
	}

	/** Registers a connection on behalf of the system (the sample at first start), owned by {@code ownerId}. */
	@Transactional
	ConnectionRow createAsSystem(ConnectionDraft draft, UUID ownerId) {
		return insert(draft, ownerId, Actor.system());
	}

	private ConnectionRow insert(ConnectionDraft draft, UUID ownerId, Actor actor) {
		Candidate c = rules.check(draft, true);
		SshCandidate ssh = sshRules.check(draft.ssh(), c.spec());
		checkHost(c.spec(), draft, ssh);
		String name = Objects.requireNonNull(c.name());
		if (store.nameTaken(ownerId, name, null)) {
			throw new Conflict("You already have a connection named '" + name + "'");
		}
		UUID id = UUID.randomUUID();
		var now = ConnectionStore.now();
		ConnectionSpec spec = c.spec();
		ConnectionRow row = new ConnectionRow(id, ownerId, "", name, c.description(), spec.engine(), spec.host(),
				spec.port(), spec.database(), spec.username(),
				c.password() == null ? null : cipher.encrypt(c.password(), id), spec.sslMode(), c.caCertificate(),
				spec.filePath(), spec.srv(), spec.options(), c.colour(), c.active(), c.shared(), c.tags(), now, now,
				null, c.browseAllDatabases(), tunnelled.seal(id, ssh, null, new ArrayList<>()));
		try {
			store.insert(row);
		}
		catch (DuplicateKeyException e) {
			throw new Conflict("You already have a connection named '" + name + "'");
		}
		events.publishEvent(new ConnectionCreated(actor, id, name, spec.engine(), c.shared(), now.toInstant()));
		return store.findById(id).orElseThrow();
	}

	@Transactional
	public ConnectionProfile update(UUID id, ConnectionDraft draft) {
		CurrentUser user = CurrentUser.require();
		ConnectionRow old = editableRow(id, user);
		Candidate c = rules.check(draft, true);
		SshCandidate ssh = sshRules.check(draft.ssh(), c.spec());
		checkHost(c.spec(), draft, ssh);
		String name = Objects.requireNonNull(c.name());
		if (!name.equals(old.name()) && store.nameTaken(old.ownerId(), name, id)) {
			throw new Conflict("A connection named '" + name + "' already exists for its owner");
		}
		String secret = old.passwordSecret();
		boolean passwordChanged = false;
		if (c.clearPassword()) {
			passwordChanged = secret != null;
			secret = null;
		}
		else if (c.passwordGiven() && c.password() != null) {
			passwordChanged = secret == null || !c.password().equals(decryptOrNull(old));
			secret = cipher.encrypt(c.password(), id);
		}
		String ca = c.caGiven() ? c.caCertificate() : old.caCertificate();
		ConnectionSpec spec = c.spec();
		var now = ConnectionStore.now();
		List<String> sshChanges = new ArrayList<>();
		SshRow sshRow = tunnelled.seal(id, ssh, old.ssh(), sshChanges);
		ConnectionRow row = new ConnectionRow(id, old.ownerId(), old.ownerUsername(), name, c.description(),
				spec.engine(), spec.host(), spec.port(), spec.database(), spec.username(), secret, spec.sslMode(), ca,
				spec.filePath(), spec.srv(), spec.options(), c.colour(), c.active(), c.shared(), c.tags(),
				old.createdAt(), now, old.lastUsedAt(), c.browseAllDatabases(), sshRow);
		List<String> changed = changedFields(old, row, passwordChanged);
		changed.addAll(sshChanges);
		try {
			store.update(row);
		}
		catch (DuplicateKeyException e) {
			throw new Conflict("A connection named '" + name + "' already exists for its owner");
		}
		pools.evictConnection(id);
		tunnelled.close(id);
		events.publishEvent(new ConnectionUpdated(Actor.current(), id, name, changed, now.toInstant()));
		return profile(store.findById(id).orElseThrow(), user);
	}

	@Transactional
	public ConnectionProfile setActive(UUID id, boolean active) {
		CurrentUser user = CurrentUser.require();
		ConnectionRow row = editableRow(id, user);
		var now = ConnectionStore.now();
		store.setActive(id, active, now);
		if (!active) {
			pools.evictConnection(id);
			tunnelled.close(id);
		}
		events.publishEvent(new ConnectionActiveChanged(Actor.current(), id, row.name(), active, now.toInstant()));
		return profile(store.findById(id).orElseThrow(), user);
	}

	@Transactional
	public void delete(UUID id) {
		CurrentUser user = CurrentUser.require();
		ConnectionRow row = editableRow(id, user);
		store.delete(id);
		pools.evictConnection(id);
		tunnelled.forget(id);
		lastMarked.remove(id);
		events.publishEvent(new ConnectionDeleted(Actor.current(), id, row.name(), Instant.now()));
	}

	// ---- testing -------------------------------------------------------------------------------------

	/** Tries settings that are not saved; the attempt is audited without a target id. */
	public ConnectionTestResult test(ConnectionDraft draft) {
		CurrentUser user = CurrentUser.require();
		requireOperator(user);
		Candidate c = rules.check(draft, false);
		SshCandidate ssh = sshRules.check(draft.ssh(), c.spec());
		checkHost(c.spec(), draft, ssh);
		ConnectionSpec spec = withSecrets(c.spec(), c.password(), c.caCertificate());
		ConnectionTestResult result = throughTunnel(
				() -> tunnelled.withUnsaved(ssh, spec, s -> engines.test(s, properties.testTimeout())));
		Actor actor = Actor.current();
		transaction.executeWithoutResult(status -> events.publishEvent(new ConnectionTested(actor, null, c.name(),
				spec.engine(), result.success(), result.category(), Instant.now())));
		return result;
	}

	/** Tests a saved connection; counts as a use of it. */
	public ConnectionTestResult test(UUID id) {
		CurrentUser user = CurrentUser.require();
		requireOperator(user);
		ConnectionRow row = transaction.execute(status -> visibleRow(id, user));
		Actor actor = Actor.current();
		ConnectionTestResult result;
		try {
			ConnectionSpec spec = spec(row);
			// the host may resolve elsewhere since it was saved
			tunnelled.checkHost(spec, row.ssh() == null ? null : row.ssh().host(), "host");
			Supplier<ConnectionSpec> reach = tunnelled.reach(row, spec, actor);
			result = throughTunnel(() -> engines.test(reach.get(), properties.testTimeout()));
		}
		catch (CredentialsUnreadable e) {
			result = ConnectionTestResult.failed(0, FailureCategory.INVALID_SETTINGS,
					e.getMessage() + "; enter the password again");
		}
		ConnectionTestResult outcome = result;
		transaction.executeWithoutResult(status -> {
			store.markUsed(id, ConnectionStore.now());
			events.publishEvent(new ConnectionTested(actor, id, row.name(), row.engine(), outcome.success(),
					outcome.category(), Instant.now()));
		});
		return result;
	}

	// ---- ConnectionLookup ----------------------------------------------------------------------------

	@Override
	@Transactional(readOnly = true)
	public ResolvedConnection resolve(UUID id) {
		return resolved(visibleRow(id, CurrentUser.require()), Actor.current());
	}

	@Override
	@Transactional(readOnly = true)
	public ResolvedConnection resolveActive(UUID id) {
		ResolvedConnection connection = resolve(id);
		if (!connection.active()) {
			throw new Conflict("Connection '" + connection.name() + "' is switched off");
		}
		return connection;
	}

	@Override
	@Transactional(readOnly = true)
	public ResolvedConnection resolveWritable(UUID id) {
		CurrentUser user = CurrentUser.require();
		ConnectionRow row = visibleRow(id, user);
		if (!editable(row, user)) {
			throw new AccessDeniedException("Only the owner or an administrator may write into this connection's databases");
		}
		ResolvedConnection connection = resolved(row, Actor.current());
		if (!connection.active()) {
			throw new Conflict("Connection '" + connection.name() + "' is switched off");
		}
		return connection;
	}

	@Override
	@Transactional(readOnly = true)
	public ResolvedConnection resolveAsSystem(UUID id) {
		return resolved(store.findById(id).orElseThrow(() -> new NotFound("connection", id)), Actor.system());
	}

	/**
	 * Writes at most once a minute per connection: browsing calls this on every request, and "last used" is shown
	 * to the minute, so the other writes would only cost latency and store churn.
	 */
	@Override
	public void markUsed(UUID id) {
		long now = System.nanoTime();
		Long previous = lastMarked.get(id);
		if (previous != null && now - previous < MARK_USED_INTERVAL_NANOS) {
			return;
		}
		lastMarked.put(id, now);
		transaction.executeWithoutResult(status -> store.markUsed(id, ConnectionStore.now()));
	}

	/** With a tunnel, the spec points at its local end, opened when first asked for: everything downstream uses that. */
	private ResolvedConnection resolved(ConnectionRow row, Actor actor) {
		Supplier<ConnectionSpec> spec;
		try {
			spec = tunnelled.reach(row, spec(row), actor);
		}
		catch (CredentialsUnreadable e) {
			throw new Conflict("The stored password of connection '" + row.name() + "' cannot be read ("
					+ e.getMessage() + "); enter it again");
		}
		return new ResolvedConnection(row.id(), row.name(), row.engine(), spec, row.ownerId(), row.shared(),
				row.active(), row.browseAllDatabases());
	}

	// ---- helpers -------------------------------------------------------------------------------------

	private ConnectionSpec spec(ConnectionRow row) {
		String password = row.passwordSecret() == null ? null : cipher.decrypt(row.passwordSecret(), row.id());
		return new ConnectionSpec(row.engine(), row.host(), row.port(), row.database(), row.username(), password,
				row.sslMode(), row.caCertificate(), row.filePath(), row.srv(), row.options());
	}

	/** A user name where the engine needs one, and the host rule (the SSH host's when tunnelled) naming the field. */
	private void checkHost(ConnectionSpec spec, ConnectionDraft draft, @Nullable SshCandidate ssh) {
		rules.requireUsername(draft, spec);
		tunnelled.checkHost(spec, ssh == null ? null : ssh.host(),
				draft.url() != null && !draft.url().isBlank() ? "url" : "host");
	}

	/** A tunnel that cannot be opened fails the test like a database that cannot be reached. */
	private static ConnectionTestResult throughTunnel(Supplier<ConnectionTestResult> test) {
		try {
			return test.get();
		}
		catch (TargetUnreachable e) {
			return ConnectionTestResult.failed(0, e.category(), e.getMessage());
		}
	}

	private @Nullable String decryptOrNull(ConnectionRow row) {
		try {
			return row.passwordSecret() == null ? null : cipher.decrypt(row.passwordSecret(), row.id());
		}
		catch (CredentialsUnreadable e) {
			return null;
		}
	}

	private static ConnectionSpec withSecrets(ConnectionSpec spec, @Nullable String password, @Nullable String ca) {
		return new ConnectionSpec(spec.engine(), spec.host(), spec.port(), spec.database(), spec.username(), password,
				spec.sslMode(), ca, spec.filePath(), spec.srv(), spec.options());
	}

	private static boolean visible(ConnectionRow row, CurrentUser user) {
		return user.isAdmin() || row.shared() || row.ownerId().equals(user.id());
	}

	private static boolean editable(ConnectionRow row, CurrentUser user) {
		return user.isAdmin() || (user.canOperate() && row.ownerId().equals(user.id()));
	}

	private ConnectionRow visibleRow(UUID id, CurrentUser user) {
		return store.findById(id).filter(row -> visible(row, user))
			.orElseThrow(() -> new NotFound("connection", id));
	}

	private ConnectionRow editableRow(UUID id, CurrentUser user) {
		ConnectionRow row = visibleRow(id, user);
		if (!editable(row, user)) {
			throw new AccessDeniedException("Only the owner or an administrator may change this connection");
		}
		return row;
	}

	private static void requireOperator(CurrentUser user) {
		if (!user.canOperate()) {
			throw new AccessDeniedException("Your role does not allow this action");
		}
	}

	private static EngineKind engine(String text) {
		try {
			return EngineKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("engine", "is not an engine name (see GET /api/connections/engines)");
		}
	}

	private static boolean matches(ConnectionRow row, String q) {
		for (String value : new String[] { row.name(), row.description(), row.host(), row.database(),
				row.filePath() }) {
			if (value != null && value.toLowerCase(Locale.ROOT).contains(q)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> changedFields(ConnectionRow a, ConnectionRow b, boolean passwordChanged) {
		List<String> changed = new ArrayList<>();
		check(changed, "name", a.name(), b.name());
		check(changed, "description", a.description(), b.description());
		check(changed, "engine", a.engine(), b.engine());
		check(changed, "host", a.host(), b.host());
		check(changed, "port", a.port(), b.port());
		check(changed, "database", a.database(), b.database());
		check(changed, "username", a.username(), b.username());
		if (passwordChanged) {
			changed.add("password");
		}
		check(changed, "sslMode", a.sslMode(), b.sslMode());
		check(changed, "caCertificate", a.caCertificate(), b.caCertificate());
		check(changed, "filePath", a.filePath(), b.filePath());
		check(changed, "options", a.options(), b.options());
		check(changed, "colour", a.colour(), b.colour());
		check(changed, "active", a.active(), b.active());
		check(changed, "shared", a.shared(), b.shared());
		check(changed, "tags", a.tags(), b.tags());
		check(changed, "browseAllDatabases", a.browseAllDatabases(), b.browseAllDatabases());
		return changed;
	}

	private static void check(List<String> changed, String field, @Nullable Object a, @Nullable Object b) {
		if (!Objects.equals(a, b)) {
			changed.add(field);
		}
	}

	private ConnectionProfile profile(ConnectionRow row, CurrentUser user) {
		String url = engines.adapter(row.engine())
			.formatUrl(new ConnectionSpec(row.engine(), row.host(), row.port(), row.database(), row.username(), null,
					row.sslMode(), null, row.filePath(), row.srv(), row.options()));
		return new ConnectionProfile(row.id(), row.name(), row.description(), row.engine(), row.host(), row.port(),
				row.database(), row.username(), row.passwordSecret() != null, row.sslMode(),
				row.caCertificate() != null, row.filePath(), url, row.colour(), row.active(), row.shared(), row.tags(),
				new ConnectionProfile.Owner(row.ownerId(), row.ownerUsername()), editable(row, user),
				row.createdAt().toInstant(), row.updatedAt().toInstant(),
				row.lastUsedAt() == null ? null : row.lastUsedAt().toInstant(), row.browseAllDatabases(),
				TunnelledConnections.profile(row.ssh()));
	}
}

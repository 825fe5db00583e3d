package dev.steward.connection.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.connection.ConnectionDraft;
import dev.steward.connection.ConnectionFilter;
import dev.steward.connection.ConnectionProfile;
import dev.steward.connection.ConnectionProfiles;
import dev.steward.connection.EngineInfo;
import dev.steward.connection.ParsedConnectionUrl;
import dev.steward.connection.SshAuthentication;
import dev.steward.connection.SshDraft;
import dev.steward.connection.SshProfile;
import dev.steward.engine.ConnectionTestResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.SslMode;
import dev.steward.shared.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/connections")
@Tag(name = "Connections")
class ConnectionController {

	/** POST, PUT and the unsaved test. {@code password} is write-only; see {@link ConnectionDraft}. */
	record ConnectionRequest(@Nullable String name, @Nullable String description, @Nullable String url,
			@Nullable String engine, @Nullable String host, @Nullable Integer port, @Nullable String database,
			@Nullable String username, @Nullable String password, @Nullable Boolean clearPassword,
			@Nullable String sslMode, @Nullable String caCertificate, @Nullable String filePath,
			@Nullable String colour, @Nullable Boolean active, @Nullable Boolean shared,
			@Nullable List<@Nullable String> tags, @Nullable Boolean browseAllDatabases, @Nullable SshRequest ssh) {

		ConnectionDraft draft() {
			return new ConnectionDraft(name, description, url, engine, host, port, database, username, password,
					clearPassword, sslMode, caCertificate, filePath, colour, active, shared, tags, browseAllDatabases,
					ssh == null ? null : ssh.draft());
		}

		@Override
		public String toString() {
			return "ConnectionRequest[" + name + "]";
		}
	}

	/**
	 * An SSH tunnel to reach the database through (null or absent: none). {@code password}, {@code privateKey} and
	 * {@code passphrase} are write-only; on update an omitted one keeps the stored one. {@code clearHostKey}
	 * forgets the pinned host key so the next connect pins the server's current one.
	 */
	record SshRequest(@Nullable String host, @Nullable Integer port, @Nullable String username,
			@Schema(allowableValues = { "PASSWORD", "PRIVATE_KEY" }) @Nullable String authentication,
			@Nullable String password, @Nullable String privateKey, @Nullable String passphrase,
			@Nullable Boolean clearHostKey) {

		SshDraft draft() {
			return new SshDraft(host, port, username, authentication, password, privateKey, passphrase, clearHostKey);
		}

		@Override
		public String toString() {
			return "SshRequest[" + host + "]";
		}
	}

	/** A connection's SSH tunnel: secrets only as whether they are stored; the host key pinned on first use. */
	record SshView(String host, int port, String username, SshAuthentication authentication, boolean hasPassword,
			boolean hasPrivateKey, boolean hasPassphrase, @Nullable String hostKeyFingerprint) {

		static @Nullable SshView of(@Nullable SshProfile p) {
			return p == null ? null
					: new SshView(p.host(), p.port(), p.username(), p.authentication(), p.hasPassword(),
							p.hasPrivateKey(), p.hasPassphrase(), p.hostKeyFingerprint());
		}
	}

	record ActiveRequest(@Nullable Boolean active) {
	}

	record ParseUrlRequest(@Nullable String url) {
	}

	record Owner(UUID id, String username) {
	}

	record ConnectionView(UUID id, String name, @Nullable String description, EngineKind engine,
			@Nullable String host, @Nullable Integer port, @Nullable String database, @Nullable String username,
			boolean hasPassword, SslMode sslMode, boolean hasCaCertificate, @Nullable String filePath, String url,
			String colour, boolean active, boolean shared, List<String> tags, Owner owner, boolean editable,
			Instant createdAt, Instant updatedAt, @Nullable Instant lastUsedAt, boolean browseAllDatabases,
			@Nullable SshView ssh) {

		static ConnectionView of(ConnectionProfile p) {
			return new ConnectionView(p.id(), p.name(), p.description(), p.engine(), p.host(), p.port(), p.database(),
					p.username(), p.hasPassword(), p.sslMode(), p.hasCaCertificate(), p.filePath(), p.url(), p.colour(),
					p.active(), p.shared(), p.tags(), new Owner(p.owner().id(), p.owner().username()), p.editable(),
					p.createdAt(), p.updatedAt(), p.lastUsedAt(), p.browseAllDatabases(), SshView.of(p.ssh()));
		}
	}

	record TestResult(boolean success, long latencyMillis, @Nullable String serverProduct,
			@Nullable String serverVersion, @Nullable FailureCategory category, @Nullable String message) {

		static TestResult of(ConnectionTestResult r) {
			return new TestResult(r.success(), r.latencyMillis(), r.serverProduct(), r.serverVersion(), r.category(),
					r.message());
		}
	}

	private final ConnectionProfiles profiles;

	ConnectionController(ConnectionProfiles profiles) {
		this.profiles = profiles;
	}

	@Operation(summary = "Connections visible to you (own and shared; administrators see all)")
	@GetMapping
	@PreAuthorize("isAuthenticated()")
	List<ConnectionView> list(@RequestParam(required = false) @Nullable String engine,
			@RequestParam(required = false) @Nullable Boolean active,
			@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String q) {
		return profiles.list(new ConnectionFilter(engine, active, tag, q)).stream().map(ConnectionView::of).toList();
	}

	@Operation(summary = "Register a connection")
	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ResponseEntity<ConnectionView> create(@RequestBody ConnectionRequest body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(ConnectionView.of(profiles.create(body.draft())));
	}

	@Operation(summary = "The engines Steward can connect to")
	@GetMapping("/engines")
	@PreAuthorize("isAuthenticated()")
	List<EngineInfo> engines() {
		return profiles.engines();
	}

	@Operation(summary = "One connection")
	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	ConnectionView get(@PathVariable UUID id) {
		return ConnectionView.of(profiles.get(id));
	}

	@Operation(summary = "Change a connection (omitted password or CA certificate: keep the stored one)")
	@PutMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ConnectionView update(@PathVariable UUID id, @RequestBody ConnectionRequest body) {
		return ConnectionView.of(profiles.update(id, body.draft()));
	}

	@Operation(summary = "Switch a connection on or off")
	@PatchMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ConnectionView setActive(@PathVariable UUID id, @RequestBody ActiveRequest body) {
		if (body.active() == null) {
			throw new InvalidInput("active", "is required");
		}
		return ConnectionView.of(profiles.setActive(id, body.active()));
	}

	@Operation(summary = "Remove a connection")
	@DeleteMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		profiles.delete(id);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Try unsaved settings (200 with success=false when the connection fails)")
	@PostMapping("/test")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	TestResult testUnsaved(@RequestBody ConnectionRequest body) {
		return TestResult.of(profiles.test(body.draft()));
	}

	@Operation(summary = "Try a saved connection")
	@PostMapping("/{id}/test")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	TestResult test(@PathVariable UUID id) {
		return TestResult.of(profiles.test(id));
	}

	@Operation(summary = "What a connection string says (the password only as hasPassword)")
	@PostMapping("/parse-url")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
	ParsedConnectionUrl parseUrl(@RequestBody ParseUrlRequest body) {
		if (body.url() == null || body.url().isBlank()) {
			throw new InvalidInput("url", "must not be blank");
		}
		return profiles.parseUrl(body.url());
	}
}

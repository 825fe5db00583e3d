package dev.steward.monitor.internal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.StorageTargetManagement;
import dev.steward.backup.StorageTargetView;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.SslMode;
import dev.steward.engine.TlsInspection;
import dev.steward.job.Jobs;
import dev.steward.monitor.AlertCheck;
import dev.steward.monitor.AlertRuleView;
import dev.steward.monitor.AlertScope;
import dev.steward.shared.NotFound;

/**
 * The current value of a check rule for each subject in its scope, read as the system: from the backup module's
 * public API (last success, storage targets' free space), the job module's failed jobs, and for certificates one
 * time-bounded TLS handshake through the engine's {@link TlsInspection}, remembered per connection for
 * {@code certProbeInterval} so a rule evaluated every minute does not handshake every minute.
 */
@Component
public class CheckReadings {

	private static final Logger log = LoggerFactory.getLogger(CheckReadings.class);

	/** One subject's value: {@code connectionId} null for a storage target, whose {@code key} is {@code target:…}. */
	public record Reading(@Nullable UUID connectionId, String key, String name, double value) {
	}

	private record Probe(Instant at, @Nullable Instant notAfter) {
	}

	private final ConnectionLookup connections;

	private final BackupArtefacts backups;

	private final StorageTargetManagement targets;

	private final Jobs jobs;

	private final Engines engines;

	private final MonitorProperties properties;

	private final Map<UUID, Probe> probes = new ConcurrentHashMap<>();

	CheckReadings(ConnectionLookup connections, BackupArtefacts backups, StorageTargetManagement targets, Jobs jobs,
			Engines engines, MonitorProperties properties) {
		this.connections = connections;
		this.backups = backups;
		this.targets = targets;
		this.jobs = jobs;
		this.engines = engines;
		this.properties = properties;
	}

	/** The values of the rule's check over its scope now; subjects without a value are left out. */
	public List<Reading> read(AlertRuleView rule, Instant now) {
		return read(rule, now, id -> true);
	}

	/** As above over the connections {@code include} takes (the preview: those the caller may see). */
	public List<Reading> read(AlertRuleView rule, Instant now, java.util.function.Predicate<UUID> include) {
		AlertCheck check = AlertCheck.byId(rule.metric()).orElseThrow();
		List<Reading> out = new ArrayList<>();
		if (check.subject() == AlertCheck.Subject.TARGET) {
			for (StorageTargetView t : targets.listAsSystem()) {
				if (rule.scope() == AlertScope.TARGET && !t.id().equals(rule.scopeValue())) {
					continue;
				}
				freeSpace(check, t).ifPresent(v -> out.add(new Reading(null, "target:" + t.id(),
						"storage target '" + t.name() + "'", v)));
			}
			return out;
		}
		for (UUID id : connections.allIdsAsSystem()) {
			if (!include.test(id) || (rule.scope() == AlertScope.CONNECTION && !id.toString().equals(rule.scopeValue()))) {
				continue;
			}
			if (!AlertEvaluator.inScope(rule, id, rule.scope() == AlertScope.TAG ? connections.tagsAsSystem(id)
					: List.of())) {
				continue;
			}
			ResolvedConnection c;
			try {
				c = connections.resolveAsSystem(id);
			}
			catch (NotFound e) {
				continue; // deleted meanwhile
			}
			if (!c.active()) {
				continue;
			}
			value(check, rule, c, now).ifPresent(v -> out.add(new Reading(id, id.toString(), c.name(), v)));
		}
		return out;
	}

	/** The subject keys of every storage target that exists now (with or without a value). */
	public java.util.Set<String> targetKeys() {
		java.util.Set<String> keys = new java.util.HashSet<>();
		targets.listAsSystem().forEach(t -> keys.add("target:" + t.id()));
		return keys;
	}

	private Optional<Double> value(AlertCheck check, AlertRuleView rule, ResolvedConnection c, Instant now) {
		return switch (check) {
			// never backed up counts from the connection's registration: a new connection nobody backs up must fire too
			case HOURS_SINCE_BACKUP -> backups.lastSuccessAsSystem(c.id()).map(java.time.OffsetDateTime::toInstant)
				.or(() -> connections.createdAtAsSystem(c.id()))
				.map(at -> Duration.between(at, now).toSeconds() / 3600.0);
			case JOB_FAILURES -> Optional.of((double) jobs.countFailedAsSystem(c.id(),
					now.minus(Duration.ofMinutes(rule.windowMinutes()))));
			case CERT_DAYS_LEFT -> certificateExpiry(c, now).map(notAfter -> daysLeft(notAfter, now));
			case TARGET_FREE_PERCENT, TARGET_FREE_BYTES -> Optional.empty();
		};
	}

	/** Days from {@code now} until {@code notAfter}, negative once past. */
	public static double daysLeft(Instant notAfter, Instant now) {
		return Duration.between(now, notAfter).toSeconds() / 86_400.0;
	}

	/** The earliest expiry of the chain the server presents: any expired link breaks it. */
	public static Optional<Instant> earliestExpiry(List<X509Certificate> chain) {
		return chain.stream().map(x -> x.getNotAfter().toInstant()).min(Instant::compareTo);
	}

	/**
	 * Free space of a local target: percent or bytes of its file store. Empty for S3, which has no free space to
	 * read (not applicable), and for a directory whose store cannot be read.
	 */
	static Optional<Double> freeSpace(AlertCheck check, StorageTargetView t) {
		if (t.usableBytes() == null || t.totalBytes() == null || t.totalBytes() <= 0) {
			return Optional.empty();
		}
		return Optional.of(check == AlertCheck.TARGET_FREE_BYTES ? (double) t.usableBytes()
				: 100.0 * t.usableBytes() / t.totalBytes());
	}

	private Optional<Instant> certificateExpiry(ResolvedConnection c, Instant now) {
		Optional<TlsInspection> tls = engines.findCapability(c.engine(), TlsInspection.class);
		if (tls.isEmpty()) {
			return Optional.empty();
		}
		Probe last = probes.get(c.id());
		if (last != null && last.at().plus(properties.certProbeInterval()).isAfter(now)) {
			return Optional.ofNullable(last.notAfter());
		}
		Instant notAfter = null;
		try {
			ConnectionSpec spec = c.spec();
			if (spec.sslMode() == SslMode.DISABLE) {
				probes.put(c.id(), new Probe(now, null));
				return Optional.empty(); // no TLS, no certificate to expire
			}
			notAfter = earliestExpiry(tls.get().serverCertificates(spec, properties.sampleTimeout())).orElse(null);
		}
		catch (RuntimeException e) {
			// unreachable or refusing TLS: "target down" says the former; nothing to say about the certificate
			log.debug("Reading the certificate of connection {} failed: {}", c.id(), e.toString());
		}
		probes.put(c.id(), new Probe(now, notAfter));
		return Optional.ofNullable(notAfter);
	}

	/** Forgets remembered certificate probes (a rule was saved: its preview and first check should look afresh). */
	public void forgetProbes() {
		probes.clear();
	}
}

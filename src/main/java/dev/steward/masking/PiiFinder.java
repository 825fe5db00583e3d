package dev.steward.masking;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.masking.MaskingEvents.PiiScanned;
import dev.steward.masking.internal.PiiScanner;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;

/** The PII finder (ADMIN, checked by the web layer): suggestions from names and a bounded sample; audited. */
@Service
public class PiiFinder {

	/** The suggestions, how many tables were sampled, and whether the scan stopped at its bounds. */
	public record PiiScanReport(UUID connectionId, String database, List<PiiSuggestion> suggestions, int tablesSampled,
			boolean truncated) {
	}

	private final ConnectionLookup connections;

	private final PiiScanner scanner;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PiiFinder(ConnectionLookup connections, PiiScanner scanner, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.connections = connections;
		this.scanner = scanner;
		this.events = events;
		this.tx = tx;
	}

	public PiiScanReport scan(UUID connectionId, @Nullable String database, @Nullable String schema) {
		ResolvedConnection connection = connections.resolveActive(connectionId);
		String db = name("database", database == null || database.isBlank() ? connection.spec().database() : database);
		String sc = schema == null || schema.isBlank() ? null : name("schema", schema);
		if (db == null) {
			throw new InvalidInput("database", "Name the database to scan");
		}
		PiiScanner.Scan scan = scanner.scan(connection, db, sc);
		Actor actor = Actor.current();
		tx.executeWithoutResult(s -> events.publishEvent(new PiiScanned(actor, connectionId, db, scan.tables(),
				scan.suggestions().size())));
		return new PiiScanReport(connectionId, db, scan.suggestions(), scan.tables(), scan.truncated());
	}

	private static @Nullable String name(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		String v = value.strip();
		if (v.isEmpty() || v.length() > 256 || v.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput(field, "A name of 1 to 256 characters, without control characters");
		}
		return v;
	}
}

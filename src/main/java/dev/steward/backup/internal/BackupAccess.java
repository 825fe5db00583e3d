package dev.steward.backup.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.steward.backup.BackupManifest;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupView;
import dev.steward.connection.ConnectionLookup;
import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.EngineCapability;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineTraits;
import dev.steward.engine.Engines;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import tools.jackson.databind.json.JsonMapper;

/** Who may see which backup, and how a row looks in the API. */
@Component
public class BackupAccess {

	public static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private final ConnectionLookup connections;

	private final BackupRecords records;

	private final Engines engines;

	private final BackupCopies copies;

	BackupAccess(ConnectionLookup connections, BackupRecords records, Engines engines, BackupCopies copies) {
		this.copies = copies;
		this.connections = connections;
		this.records = records;
		this.engines = engines;
	}

	/** The backup if the current user may see it (ADMIN: all, also of deleted connections); NotFound otherwise. */
	public BackupRow visible(UUID id) {
		BackupRow row = records.find(id).orElseThrow(() -> new NotFound("Backup", id));
		if (!CurrentUser.require().isAdmin() && !canSee(row.connectionId())) {
			throw new NotFound("Backup", id);
		}
		return row;
	}

	/** As {@link #visible}, and Conflict unless it completed (only completed backups can be read). */
	public BackupRow completed(UUID id) {
		BackupRow row = visible(id);
		if (row.status() != BackupStatus.COMPLETED) {
			throw new Conflict("The backup is " + row.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
					+ "; only completed backups can be read");
		}
		return row;
	}

	private boolean canSee(UUID connectionId) {
		try {
			connections.resolve(connectionId);
			return true;
		}
		catch (NotFound e) {
			return false;
		}
	}

	public BackupView view(BackupRow r, boolean withManifest) {
		return view(r, withManifest, copies.of(r.id()));
	}

	public BackupView view(BackupRow r, boolean withManifest, List<BackupCopies.Copy> rowCopies) {
		BackupManifest manifest = null;
		if (withManifest && r.outcome().manifest() != null) {
			manifest = JSON.readValue(r.outcome().manifest(), BackupManifest.class);
		}
		Long duration = r.startedAt() != null && r.finishedAt() != null
				? Duration.between(r.startedAt(), r.finishedAt()).toMillis() : null;
		BackupRow.Artefact a = r.artefact();
		return new BackupView(r.id(), r.connectionId(), r.connectionName(), r.engine(), a.fileName(), r.createdAt(),
				r.startedAt(), r.finishedAt(), duration, r.outcome().rawSize(), r.outcome().storedSize(), r.trigger(),
				r.kind(), r.status(), r.failure() == null ? null : r.failure().message(), r.startedByName(),
				a.storageTarget(), a.compression(), a.compressionLevel(), a.encrypted(), a.keyId(),
				r.outcome().checksum(), manifest, r.jobId(), r.failure() == null ? null : r.failure().reason(),
				rowCopies.stream().map(BackupCopies.Copy::view).toList(), r.database());
	}

	/** Views of many rows, their copies read at once. */
	public List<BackupView> views(List<BackupRow> rows) {
		var all = copies.of(rows.stream().map(BackupRow::id).toList());
		return rows.stream().map(r -> view(r, false, all.getOrDefault(r.id(), List.of()))).toList();
	}

	/** What the engine can do (file-based or networked, …). */
	public EngineTraits traits(EngineKind engine) {
		return engines.traits(engine);
	}

	/** The engine's capability, or 400 naming {@code field} when the engine lacks it. */
	public <C extends EngineCapability> C capability(EngineKind engine, Class<C> type, String field) {
		try {
			return engines.capability(engine, type);
		}
		catch (CapabilityUnsupported e) {
			throw new InvalidInput(field, e.getMessage());
		}
	}
}

package dev.steward.export;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.SchemaExport;
import dev.steward.query.ExportFormat;

/**
 * A checked export: every name was found in the catalog, the options are ones the engine supports.
 *
 * @param schema       the schema as the engine's tools take it; null for engines without schemas
 * @param tables       the tables to export (DATA: at least one; SCHEMA: empty for all)
 * @param schemaOptions SCHEMA only
 * @param format       DATA only
 */
public record ExportPlan(ExportKind kind, ResolvedConnection connection, UUID ownerId, String database,
		@Nullable String schema, List<String> tables, SchemaExport.@Nullable Options schemaOptions,
		@Nullable ExportFormat format) {

	/** The file name offered for download: connection, database, kind and the extension. */
	public String fileName(String extension) {
		String base = (connection.name() + "-" + database + (schema == null ? "" : "-" + schema) + "-"
				+ kind.name().toLowerCase(java.util.Locale.ROOT))
			.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
		if (base.isEmpty()) {
			base = "export";
		}
		if (base.length() > 80) {
			base = base.substring(0, 80);
		}
		return base + "." + extension;
	}
}

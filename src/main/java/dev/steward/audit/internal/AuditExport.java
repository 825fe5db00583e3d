package dev.steward.audit.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.audit.AuditEvents;
import dev.steward.audit.internal.AuditLog.AuditRecord;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Audit records of a bounded time range as CSV or JSON lines, streamed page by page. Each record carries its hash
 * and its predecessor's, so an exported range can be checked for gaps and links by whoever receives it. The export
 * itself is recorded in the trail before the first byte goes out.
 */
@Service
public class AuditExport {

	public enum Format {
		CSV("text/csv", "csv"), JSONL("application/x-ndjson", "jsonl");

		private final String mediaType;

		private final String extension;

		Format(String mediaType, String extension) {
			this.mediaType = mediaType;
			this.extension = extension;
		}

		public String mediaType() {
			return mediaType;
		}

		public String extension() {
			return extension;
		}

		public static Format parse(String value) {
			return switch (value.toLowerCase(Locale.ROOT)) {
				case "csv" -> CSV;
				case "jsonl" -> JSONL;
				default -> throw new InvalidInput("format", "must be csv or jsonl");
			};
		}
	}

	private static final String[] HEADER = { "seq", "occurredAt", "actor", "sourceIp", "action", "targetType",
			"targetId", "outcome", "detail", "prevHash", "hash" };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AuditLog log;

	private final AuditProperties properties;

	AuditExport(AuditLog log, AuditProperties properties) {
		this.log = log;
		this.properties = properties;
	}

	/** Checks the range (to after from, at most {@code steward.audit.export-max-days}) and records the export. */
	public void start(Instant from, Instant to, Format format) {
		if (!to.isAfter(from)) {
			throw new InvalidInput("to", "must be after from");
		}
		if (Duration.between(from, to).compareTo(Duration.ofDays(properties.exportMaxDays())) > 0) {
			throw new InvalidInput("to", "the range may cover " + properties.exportMaxDays() + " days at most");
		}
		log.append(new AuditEvents.Exported(Actor.current(), from, to, format.name().toLowerCase(Locale.ROOT),
				Instant.now()).audit());
	}

	public void write(Instant from, Instant to, Format format, OutputStream out) throws IOException {
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		if (format == Format.CSV) {
			writer.write(String.join(",", HEADER) + "\r\n");
		}
		try {
			log.forEachBetween(from, to, r -> {
				try {
					writer.write(format == Format.CSV ? csv(r) : json(r));
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		writer.flush();
	}

	static String csv(AuditRecord r) {
		String[] cells = { Long.toString(r.seq()), r.occurredAt().toString(), r.actor(), r.sourceIp(), r.action(),
				r.targetType(), r.targetId(), r.outcome().name(), r.detail(), r.prevHash(), r.hash() };
		StringBuilder b = new StringBuilder(256);
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				b.append(',');
			}
			b.append(cell(cells[i]));
		}
		return b.append("\r\n").toString();
	}

	/** RFC 4180 quoting; a value a spreadsheet would run as a formula is prefixed with an apostrophe. */
	static String cell(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
			return '"' + v.replace("\"", "\"\"") + '"';
		}
		return v;
	}

	private static String json(AuditRecord r) {
		ObjectNode n = JSON.createObjectNode();
		n.put("seq", r.seq());
		n.put("occurredAt", r.occurredAt().toString());
		n.put("actor", r.actor());
		n.put("sourceIp", r.sourceIp());
		n.put("action", r.action());
		n.put("targetType", r.targetType());
		n.put("targetId", r.targetId());
		n.put("outcome", r.outcome().name());
		n.put("detail", r.detail());
		n.put("prevHash", r.prevHash());
		n.put("hash", r.hash());
		return JSON.writeValueAsString(n) + "\n";
	}
}

package dev.steward.engine;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which engine a connection speaks to. A value, not a closed enum: each adapter package brings its own
 * ({@link EngineAdapter#engine()}), so adding an engine needs no change here. Spelled in capitals, the same in
 * JSON and in the metadata store ({@code MYSQL} covers MySQL and MariaDB). Compare with {@code equals}.
 */
@Schema(type = "string", description = "An engine's identifier, as GET /api/connections/engines lists them",
		example = "POSTGRESQL")
public record EngineKind(@JsonValue String name) {

	/** At most 16 characters: the metadata store's {@code engine} columns are {@code VARCHAR(16)}. */
	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");

	public static final EngineKind POSTGRESQL = new EngineKind("POSTGRESQL");

	public static final EngineKind MYSQL = new EngineKind("MYSQL");

	public static final EngineKind SQLITE = new EngineKind("SQLITE");

	public static final EngineKind MONGODB = new EngineKind("MONGODB");

	private static final List<EngineKind> BUILT_IN = List.of(POSTGRESQL, MYSQL, SQLITE, MONGODB);

	public EngineKind {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not an engine name: capitals, digits and '_', up to 16");
		}
	}

	/**
	 * The engine spelled {@code name}; {@link IllegalArgumentException} if that is no engine name at all. The
	 * built-in engines answer their constant, so code that still compares them with {@code ==} keeps working.
	 */
	@JsonCreator
	public static EngineKind valueOf(String name) {
		for (EngineKind builtIn : BUILT_IN) {
			if (builtIn.name.equals(name)) {
				return builtIn;
			}
		}
		return new EngineKind(name);
	}

	@Override
	public String toString() {
		return name;
	}
}

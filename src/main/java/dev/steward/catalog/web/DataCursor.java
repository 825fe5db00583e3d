package dev.steward.catalog.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.InvalidInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The grid's opaque {@code after} cursor: base64url JSON holding either the last row's sort and key values
 * ({@code {"k":[…]}}, keyset paging) or the rows to skip ({@code {"o":n}}, offset paging). The values are only ever
 * bound as parameters, so a forged cursor can at worst select other rows the caller may read anyway.
 */
record DataCursor(@Nullable List<@Nullable String> after, long offset) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final DataCursor FIRST = new DataCursor(null, 0);

	static DataCursor decode(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return FIRST;
		}
		try {
			JsonNode node = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
			if (node.has("o")) {
				long offset = node.get("o").asLong();
				if (offset < 0) {
					throw new IllegalArgumentException("negative offset");
				}
				return new DataCursor(null, offset);
			}
			List<@Nullable String> values = new ArrayList<>();
			for (JsonNode v : node.get("k")) {
				values.add(v.isNull() ? null : v.asString());
			}
			return new DataCursor(values, 0);
		}
		catch (RuntimeException e) {
			throw new InvalidInput("after", "Not a cursor this API returned");
		}
	}

	static String keyset(List<@Nullable String> values) {
		ObjectNode node = JSON.createObjectNode();
		ArrayNode k = node.putArray("k");
		values.forEach(k::add);
		return encode(node);
	}

	static String offset(long offset) {
		return encode(JSON.createObjectNode().put("o", offset));
	}

	private static String encode(JsonNode node) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
	}
}

package dev.steward.shared;

import java.util.Map;

/**
 * Input that passed bean validation but breaks a rule only the domain knows (a malformed URL,
 * a path outside the allowed directories). Answered 400 with the field named.
 */
public class InvalidInput extends RuntimeException {

	private final Map<String, String> fieldErrors;

	public InvalidInput(String field, String reason) {
		super(field + ": " + reason);
		this.fieldErrors = Map.of(field, reason);
	}

	public InvalidInput(Map<String, String> fieldErrors) {
		super(String.join("; ", fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	public Map<String, String> fieldErrors() {
		return fieldErrors;
	}
}

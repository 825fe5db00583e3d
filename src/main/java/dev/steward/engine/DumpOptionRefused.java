package dev.steward.engine;

/** A dump option that cannot be passed to a tool; {@link #field()} names the request field. */
public class DumpOptionRefused extends IllegalArgumentException {

	private final String field;

	private final String reason;

	public DumpOptionRefused(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
		this.reason = reason;
	}

	public String field() {
		return field;
	}

	public String reason() {
		return reason;
	}
}

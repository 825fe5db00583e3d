package dev.steward.query;

/** The rows asked for were released (paged past, or the cursor closed); re-run the statement to see them. */
public class RowsReleased extends RuntimeException {

	public RowsReleased(String message) {
		super(message);
	}
}

package dev.steward.monitor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a rule would have done over {@code [from, to)} on the stored samples (raw, or the 1-minute averages where raw
 * samples were already trimmed): how many times it would have fired, per connection in its scope. An event rule
 * cannot be previewed ({@code supported} false). A check rule is evaluated on the current state instead: per subject
 * its value now ({@code value}) and whether it is past the threshold now ({@code fires} 1); a storage target's row
 * has no connection id and the target's name.
 */
public record AlertPreview(String metric, boolean supported, Instant from, Instant to, int fires,
		List<ConnectionPreview> connections, @Nullable String note) {

	public record ConnectionPreview(@Nullable UUID connectionId, String name, int samples, int fires,
			@Nullable Instant firstFiredAt, long firingSeconds, @Nullable Double value) {
	}
}

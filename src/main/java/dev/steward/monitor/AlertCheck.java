package dev.steward.monitor;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules on state that is checked on an interval rather than sampled or told by an event. Each check yields one value
 * per subject (a connection, or a storage target), compared with the rule's threshold through the same pending ──▶
 * firing ──▶ resolved machine as the sampled metrics, hysteresis included. A subject with no value (a connection
 * without TLS, or an S3 target's free space, which S3 does not have) is left as it is.
 */
public enum AlertCheck {

	/** Hours since the connection's newest completed backup (any target). Usually ABOVE, e.g. 26. */
	HOURS_SINCE_BACKUP(Subject.CONNECTION),
	/** Days until the server certificate of a connection using TLS expires (negative: expired). Usually BELOW. */
	CERT_DAYS_LEFT(Subject.CONNECTION),
	/** Free space of a local storage target's file store, in percent. Usually BELOW. */
	TARGET_FREE_PERCENT(Subject.TARGET),
	/** Free space of a local storage target's file store, in bytes. Usually BELOW. */
	TARGET_FREE_BYTES(Subject.TARGET),
	/** Jobs on the connection that failed within the rule's window. Usually ABOVE (N − 1 fires at N). */
	JOB_FAILURES(Subject.CONNECTION);

	/** What a check's value is about. */
	public enum Subject {
		CONNECTION, TARGET
	}

	private final Subject subject;

	AlertCheck(Subject subject) {
		this.subject = subject;
	}

	public Subject subject() {
		return subject;
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<AlertCheck> byId(String id) {
		for (AlertCheck c : values()) {
			if (c.id().equals(id)) {
				return Optional.of(c);
			}
		}
		return Optional.empty();
	}

	/** The alert's message: what the value means, in words. */
	public String describe(double value, AlertComparison comparison, double threshold, int windowMinutes) {
		String past = comparison.name().toLowerCase(Locale.ROOT) + " " + format(threshold);
		return switch (this) {
			case HOURS_SINCE_BACKUP -> "no successful backup for " + format(value) + " h (" + past + " h)";
			case CERT_DAYS_LEFT -> value < 0 ? "the server certificate expired " + format(-value) + " days ago"
					: "the server certificate expires in " + format(value) + " days (" + past + " days)";
			case TARGET_FREE_PERCENT -> format(value) + " % free (" + past + " %)";
			case TARGET_FREE_BYTES -> format(value) + " bytes free (" + past + " bytes)";
			case JOB_FAILURES -> format(value) + " failed jobs in the last " + windowMinutes + " min (" + past + ")";
		};
	}

	private static String format(double v) {
		return new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
	}
}

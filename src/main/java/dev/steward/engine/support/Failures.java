package dev.steward.engine.support;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.sql.SQLTimeoutException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.FailureCategory;

/** What driver errors have in common: network causes, and the rule that messages never carry a password. */
public final class Failures {

	private static final int MAX_MESSAGE = 1000;

	private Failures() {
	}

	/** The category the cause chain proves (unreachable host, timeout, TLS), or null if it proves none. */
	public static @Nullable FailureCategory fromCauses(Throwable error) {
		int depth = 0;
		for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
			if (c instanceof SocketTimeoutException || c instanceof SQLTimeoutException
					|| c instanceof java.util.concurrent.TimeoutException) {
				return FailureCategory.TIMEOUT;
			}
			if (c instanceof UnknownHostException || c instanceof ConnectException
					|| c instanceof NoRouteToHostException || c instanceof PortUnreachableException
					|| c instanceof UnresolvedAddressException) {
				String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
				return message.contains("timed out") ? FailureCategory.TIMEOUT : FailureCategory.HOST_UNREACHABLE;
			}
			if (c instanceof SSLException || c instanceof CertificateException) {
				return FailureCategory.TLS_ERROR;
			}
		}
		return null;
	}

	/** The most telling message in the chain: the outermost one, plus the root cause if it differs. */
	public static String describe(Throwable error) {
		String outer = String.valueOf(error.getMessage());
		Throwable root = error;
		for (int i = 0; i < 20 && root.getCause() != null && root.getCause() != root; i++) {
			root = root.getCause();
		}
		if (root != error && root.getMessage() != null && !outer.contains(root.getMessage())) {
			return outer + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
		}
		return outer;
	}

	/** Removes the password (as typed and percent-encoded) from a driver's message and bounds its length. */
	public static String scrub(@Nullable String message, @Nullable String password) {
		String result = message == null ? "" : message;
		if (password != null && !password.isEmpty()) {
			result = result.replace(password, "***").replace(UrlParts.encode(password), "***");
		}
		result = result.replaceAll("(?i)(password=)[^&;\\s]*", "$1***");
		return result.length() > MAX_MESSAGE ? result.substring(0, MAX_MESSAGE) + "…" : result;
	}
}

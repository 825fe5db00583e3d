package dev.steward.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For a response that failed after its status and part of its body were sent: nothing truthful can be added,
 * and ending it normally would hand the client a clean but incomplete body. Marking the request makes the
 * container close the connection at once, without the final chunk, so every client sees a failed transfer.
 */
public final class CutConnection {

	static final String ATTRIBUTE = "dev.steward.cut-connection";

	private CutConnection() {
	}

	public static void request(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, Boolean.TRUE);
	}

	static boolean requested(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
	}
}

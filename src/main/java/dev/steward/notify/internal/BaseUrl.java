package dev.steward.notify.internal;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The web app's address for links in messages: {@code steward.notify.base-url} when set; else the address an
 * administrator last used to reach the notification pages; else {@code http://localhost:<port>}.
 */
@Component
public class BaseUrl {

	private final NotifyProperties properties;

	private final String fallback;

	private final AtomicReference<String> seen = new AtomicReference<>();

	BaseUrl(NotifyProperties properties, @Value("${server.port:8080}") int port) {
		this.properties = properties;
		this.fallback = "http://localhost:" + (port <= 0 ? 8080 : port);
	}

	public String get() {
		String configured = properties.baseUrl();
		if (configured != null && !configured.isBlank()) {
			return configured.strip();
		}
		String s = seen.get();
		return s != null ? s : fallback;
	}

	/** The address of a request an administrator made (scheme, host and port as the proxy-aware request saw them). */
	public void remember(String requestBase) {
		seen.set(requestBase);
	}
}

package dev.steward.monitor.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.monitor.AlertRuleView;

/**
 * The enabled rules, read from the store at most every few seconds: evaluation runs on every sample, and rules change
 * rarely. A change on this instance takes effect at once; one made on another instance within the TTL.
 */
@Component
public class AlertRuleCache {

	static final Duration TTL = Duration.ofSeconds(5);

	private final AlertRuleStore store;

	private volatile List<AlertRuleView> rules = List.of();

	private volatile long readAt;

	AlertRuleCache(AlertRuleStore store) {
		this.store = store;
	}

	public List<AlertRuleView> enabled() {
		long now = System.nanoTime();
		if (readAt == 0 || now - readAt > TTL.toNanos()) {
			rules = store.enabled();
			readAt = now;
		}
		return rules;
	}

	public void invalidate() {
		readAt = 0;
	}
}

package dev.steward.engine;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * What every connect to a target obeys: the time bounds ({@code steward.engine.*}) and the host rule
 * ({@code steward.connection.allowed-hosts} / {@code denied-hosts}). Adapters, dumps, restores and client
 * tools all take it, so no path to a target escapes either.
 */
@Component
public class TargetAccess {

	private final EngineProperties limits;

	private final TargetHosts hosts;

	public TargetAccess(EngineProperties limits, TargetHostProperties hosts) {
		this.limits = limits;
		this.hosts = new TargetHosts(hosts);
	}

	/** Defaults (5 s connect, 60 s read, link-local denied): for engine classes built outside Spring. */
	public static TargetAccess defaults() {
		return new TargetAccess(EngineProperties.defaults(), TargetHostProperties.defaults());
	}

	public Duration connectTimeout() {
		return limits.connectTimeout();
	}

	public int connectSeconds() {
		return limits.connectSeconds();
	}

	public Duration readTimeout() {
		return limits.readTimeout();
	}

	public TargetHosts hosts() {
		return hosts;
	}

	/** {@link TargetHostRefused} unless every host of the spec (and every address it resolves to) is permitted. */
	public void check(ConnectionSpec spec) {
		hosts.check(spec);
	}
}

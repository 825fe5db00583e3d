package dev.steward.recovery.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.steward.engine.ToolControl;

/**
 * The restored servers this Steward instance started, by their connection id. They are its children: stopped
 * (fast shutdown by SIGINT, then killed after 30 s) when removed or when Steward stops.
 */
@Component
public class RestoredProcesses implements DisposableBean {

	/** Which Steward process started an instance: a restored server can only be stopped by its parent. */
	public static final String INSTANCE = UUID.randomUUID().toString();

	private final Map<UUID, Process> running = new ConcurrentHashMap<>();

	void add(UUID id, Process process) {
		running.put(id, process);
	}

	public boolean has(UUID id) {
		Process p = running.get(id);
		return p != null && p.isAlive();
	}

	/** Stops it if this instance runs it; answers whether it did. */
	public boolean stop(UUID id) {
		Process p = running.remove(id);
		if (p == null) {
			return false;
		}
		try {
			// SIGINT is PostgreSQL's fast shutdown: it does not wait for pooled sessions to leave
			new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
		}
		catch (java.io.IOException e) {
			p.destroy();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		try {
			if (!p.waitFor(30, TimeUnit.SECONDS)) {
				ToolControl.destroyTree(p);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			ToolControl.destroyTree(p);
		}
		return true;
	}

	@Override
	public void destroy() {
		running.keySet().forEach(this::stop);
	}
}

package dev.steward.monitor.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.connection.ConnectionEvents.ConnectionDeleted;
import dev.steward.connection.ConnectionLookup;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's monitoring housekeeping: the sampler's tick, the batch writer's flush, and rollups with
 * retention. {@code steward.monitor.enabled} is read here at run time (the jar is processed ahead of time); off,
 * this instance neither samples nor rolls up, and other instances on the store do.
 */
@Component
public class SamplerLoop implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SamplerLoop.class);

	private final Sampler sampler;

	private final SampleBuffer buffer;

	private final Rollups rollups;

	private final SampleStore store;

	private final MonitorProperties properties;

	private volatile ScheduledExecutorService timer;

	SamplerLoop(SettingsStore settings, SampleTaker taker, SampleBuffer buffer, ConnectionLookup connections,
			MonitorProperties properties, ApplicationEventPublisher events, JsonMapper json, Rollups rollups,
			SampleStore store) {
		this.sampler = new Sampler("steward-" + UUID.randomUUID(), settings, taker, buffer, connections, properties,
				events, json);
		this.buffer = buffer;
		this.rollups = rollups;
		this.store = store;
		this.properties = properties;
	}

	public Sampler sampler() {
		return sampler;
	}

	@Override
	public void start() {
		if (!properties.enabled()) {
			log.info("Monitoring is off on this instance (steward.monitor.enabled=false)");
			return;
		}
		ScheduledExecutorService t = Executors.newScheduledThreadPool(2, r -> {
			Thread thread = new Thread(r, "monitor-loop");
			thread.setDaemon(true);
			return thread;
		});
		t.scheduleWithFixedDelay(guard("tick", () -> sampler.tick(Instant.now())), 1000,
				properties.tick().toMillis(), TimeUnit.MILLISECONDS);
		t.scheduleWithFixedDelay(guard("flush", buffer::flush), properties.flushInterval().toMillis(),
				properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
		t.scheduleWithFixedDelay(guard("rollup", this::rollUpAndTrim), properties.rollupInterval().toMillis(),
				properties.rollupInterval().toMillis(), TimeUnit.MILLISECONDS);
		timer = t;
	}

	/** Rolls up what is complete and trims what is past retention. */
	public void rollUpAndTrim() {
		Instant now = Instant.now();
		rollups.rollUp(now, properties.rollupLag(), properties.rawRetention(), properties.minuteRetention());
		store.trim(now.minus(properties.rawRetention()), now.minus(properties.minuteRetention()),
				now.minus(properties.hourRetention()));
	}

	private static Runnable guard(String what, Runnable work) {
		return () -> {
			try {
				work.run();
			}
			catch (RuntimeException e) {
				// the timer must survive a store hiccup; the next round tries again
				log.warn("Monitoring {} failed: {}", what, e.toString());
			}
		};
	}

	@ApplicationModuleListener
	void on(ConnectionDeleted event) {
		store.forget(event.connectionId());
	}

	@Override
	public void stop() {
		ScheduledExecutorService t = timer;
		if (t != null) {
			t.shutdownNow();
			timer = null;
			try {
				sampler.awaitIdle(2000);
				buffer.flush();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException e) {
				log.warn("Writing the last monitoring samples failed: {}", e.toString());
			}
		}
	}

	/**
	 * The sampler's executor ends with the context, not with {@link #stop()}: a stopped context may be started
	 * again (Spring pauses cached contexts), and a closed executor would refuse every later sample.
	 */
	@Override
	public void destroy() {
		sampler.close();
	}

	@Override
	public boolean isRunning() {
		return timer != null;
	}
}

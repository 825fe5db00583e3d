package dev.steward.monitor.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Series points waiting for the next batch write: samples arrive one connection at a time, the store prefers
 * a few large inserts. Bounded: if the store cannot keep up, the oldest points are dropped (and counted) rather
 * than Steward running out of memory.
 */
@Component
public class SampleBuffer {

	private static final Logger log = LoggerFactory.getLogger(SampleBuffer.class);

	static final int MAX_PENDING = 200_000;

	private final ConcurrentLinkedQueue<SampleStore.Point> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final SampleStore store;

	public SampleBuffer(SampleStore store) {
		this.store = store;
	}

	public void add(Collection<SampleStore.Point> points) {
		pending.addAll(points);
		int now = size.addAndGet(points.size());
		int dropped = 0;
		while (now > MAX_PENDING && pending.poll() != null) {
			now = size.decrementAndGet();
			dropped++;
		}
		if (dropped > 0) {
			log.warn("Dropped {} monitoring points: the store is not keeping up", dropped);
		}
	}

	/** Writes everything queued so far in batches of 1,000; returns how many points were written. */
	public synchronized int flush() {
		int written = 0;
		List<SampleStore.Point> batch = new ArrayList<>(1000);
		SampleStore.Point p;
		while ((p = pending.poll()) != null) {
			size.decrementAndGet();
			batch.add(p);
			if (batch.size() == 1000) {
				store.write(batch);
				written += batch.size();
				batch.clear();
			}
		}
		store.write(batch);
		return written + batch.size();
	}
}

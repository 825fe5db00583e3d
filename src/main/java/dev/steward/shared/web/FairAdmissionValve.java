package dev.steward.shared.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import jakarta.servlet.ServletException;

/**
 * Lets a bounded number of requests run at once and queues the rest first come, first served.
 * <p>
 * Every request runs on its own virtual thread. When more are runnable than there are cores, they contend for
 * monitors on the way in (Tomcat's filter lookup, a secure random, map nodes), and a contended monitor is not fair:
 * under wrk at 200 connections most requests took 0.2 ms while one in a hundred waited 1–5 s. Queueing them on a
 * fair semaphore before any of that keeps the work the same and makes the wait FIFO. The queue is soft: a request
 * that waited {@code maxWait} goes ahead anyway, so long requests (downloads, streams, slow targets) holding permits
 * can slow others but never lock them out.
 */
final class FairAdmissionValve extends ValveBase {

	private final Semaphore permits;

	private final long maxWaitNanos;

	FairAdmissionValve(int concurrency, Duration maxWait) {
		super(true);
		this.permits = new Semaphore(concurrency, true);
		this.maxWaitNanos = maxWait.toNanos();
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		boolean admitted;
		try {
			admitted = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		try {
			getNext().invoke(request, response);
		}
		finally {
			if (admitted) {
				permits.release();
			}
		}
	}

	int available() {
		return permits.availablePermits();
	}
}

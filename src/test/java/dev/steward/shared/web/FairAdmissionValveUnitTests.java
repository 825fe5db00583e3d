package dev.steward.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

class FairAdmissionValveUnitTests {

	/** The next valve: records who ran and holds the first caller until released. */
	private static final class Recording extends ValveBase {

		final List<String> ran = new CopyOnWriteArrayList<>();

		final CountDownLatch firstEntered = new CountDownLatch(1);

		final CountDownLatch releaseFirst = new CountDownLatch(1);

		@Override
		public void invoke(Request request, Response response) {
			String name = Thread.currentThread().getName();
			ran.add(name);
			if (name.equals("first")) {
				firstEntered.countDown();
				try {
					releaseFirst.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	private static Thread call(FairAdmissionValve valve, String name) {
		return Thread.ofVirtual().name(name).start(() -> {
			try {
				valve.invoke(null, null);
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
	}

	@Test
	void waitingRequestsAreAdmittedInArrivalOrderAndPermitsComeBack() throws Exception {
		FairAdmissionValve valve = new FairAdmissionValve(1, Duration.ofSeconds(10));
		Recording next = new Recording();
		valve.setNext(next);
		Thread first = call(valve, "first");
		assertThat(next.firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
		List<Thread> waiting = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waiting.add(call(valve, "w" + i));
			Thread.sleep(30); // each is queued before the next arrives
		}
		assertThat(next.ran).containsExactly("first");
		next.releaseFirst.countDown();
		first.join(5000);
		for (Thread t : waiting) {
			t.join(5000);
		}
		assertThat(next.ran).containsExactly("first", "w0", "w1", "w2", "w3", "w4");
		assertThat(valve.available()).isEqualTo(1);
	}

	@Test
	void aRequestThatWaitedTheLimitGoesAheadWithoutTakingAPermit() throws Exception {
		FairAdmissionValve valve = new FairAdmissionValve(1, Duration.ofMillis(200));
		Recording next = new Recording();
		valve.setNext(next);
		Thread first = call(valve, "first");
		assertThat(next.firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		Thread late = call(valve, "late");
		late.join(5000);
		long waitedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(next.ran).containsExactly("first", "late");
		assertThat(waitedMillis).isBetween(150L, 3000L);
		next.releaseFirst.countDown();
		first.join(5000);
		assertThat(valve.available()).as("only the admitted request gave a permit back").isEqualTo(1);
	}
}

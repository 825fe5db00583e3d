package dev.steward.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The one door from features to engines: finds the adapter or capability for an engine and runs
 * connection tests under a hard deadline, so a dead host can never hold a request thread.
 */
@Service
public class Engines implements DisposableBean {

	/** In the adapters' {@link org.springframework.core.annotation.Order}: the order the connection form lists them. */
	private final Map<EngineKind, EngineAdapter> adapters = new LinkedHashMap<>();

	private final List<EngineCapability> capabilities;

	private final ExecutorService testExecutor = Executors.newVirtualThreadPerTaskExecutor();

	public Engines(List<EngineAdapter> adapters, List<EngineCapability> capabilities) {
		adapters.forEach(a -> {
			if (this.adapters.putIfAbsent(a.engine(), a) != null) {
				throw new IllegalStateException("Two adapters for " + a.engine());
			}
		});
		this.capabilities = List.copyOf(capabilities);
	}

	public EngineAdapter adapter(EngineKind engine) {
		EngineAdapter adapter = adapters.get(engine);
		if (adapter == null) {
			throw new CapabilityUnsupported(engine, EngineAdapter.class);
		}
		return adapter;
	}

	/** Every engine an adapter was found for, in the order the connection form lists them. */
	public List<EngineAdapter> adapters() {
		return List.copyOf(adapters.values());
	}

	/** What {@code engine} is and can do; {@link CapabilityUnsupported} for an engine without an adapter. */
	public EngineTraits traits(EngineKind engine) {
		return adapter(engine).traits();
	}

	public <C extends EngineCapability> C capability(EngineKind engine, Class<C> type) {
		return findCapability(engine, type).orElseThrow(() -> new CapabilityUnsupported(engine, type));
	}

	public <C extends EngineCapability> Optional<C> findCapability(EngineKind engine, Class<C> type) {
		return capabilities.stream()
			.filter(c -> c.engine().equals(engine) && type.isInstance(c))
			.map(type::cast)
			.findFirst();
	}

	/** Which engine owns a connection string, and what it says; {@link InvalidConnectionUrl} if nobody does. */
	public ConnectionSpec parseUrl(String url) {
		for (EngineAdapter adapter : adapters.values()) {
			Optional<ConnectionSpec> spec = adapter.parseUrl(url);
			if (spec.isPresent()) {
				return spec.get();
			}
		}
		throw new InvalidConnectionUrl("Not a connection string Steward understands (expected "
				+ String.join(", ", adapters.values().stream().flatMap(a -> a.traits().urlForms().stream()).toList())
				+ ")");
	}

	/**
	 * Tests a connection; the adapter honours the timeout at driver level and this enforces it once more
	 * from outside, answering TIMEOUT if the driver overstays.
	 */
	public ConnectionTestResult test(ConnectionSpec spec, Duration timeout) {
		EngineAdapter adapter = adapter(spec.engine());
		long start = System.nanoTime();
		Future<ConnectionTestResult> result = testExecutor.submit(() -> adapter.test(spec, timeout));
		try {
			return result.get(timeout.toMillis() + 1500, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException e) {
			result.cancel(true);
			return ConnectionTestResult.failed(elapsed(start), FailureCategory.TIMEOUT,
					"No answer within " + timeout.toSeconds() + " s");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			result.cancel(true);
			return ConnectionTestResult.failed(elapsed(start), FailureCategory.TIMEOUT, "Interrupted");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			return ConnectionTestResult.failed(elapsed(start), FailureCategory.UNKNOWN, String.valueOf(cause.getMessage()));
		}
	}

	private static long elapsed(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	@Override
	public void destroy() {
		testExecutor.shutdownNow();
	}
}

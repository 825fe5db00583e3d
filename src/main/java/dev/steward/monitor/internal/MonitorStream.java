package dev.steward.monitor.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.steward.monitor.AlertEvents.AlertChanged;
import dev.steward.monitor.MonitorEvents.SampleTaken;

/**
 * The live stream of samples and alert changes: each subscriber gets the samples of the connections it could see when it subscribed
 * (the dashboard subscribes again after a change). Samples taken on this instance only; with several instances the
 * dashboard's periodic overview refresh fills the gaps.
 */
@Component
public class MonitorStream {

	private record Subscriber(SseEmitter emitter, Set<UUID> visible) {
	}

	static final long TIMEOUT_MILLIS = Duration.ofHours(1).toMillis();

	private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	public SseEmitter subscribe(Set<UUID> visible) {
		SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
		Subscriber s = new Subscriber(emitter, Set.copyOf(visible));
		subscribers.add(s);
		emitter.onCompletion(() -> subscribers.remove(s));
		emitter.onTimeout(() -> subscribers.remove(s));
		emitter.onError(e -> subscribers.remove(s));
		try {
			emitter.send(SseEmitter.event().name("hello").data("{}"));
		}
		catch (IOException e) {
			subscribers.remove(s);
		}
		return emitter;
	}

	public int subscribers() {
		return subscribers.size();
	}

	@EventListener
	void on(SampleTaken event) {
		send(event.sample().connectionId(), "sample", event.sample());
	}

	/** An alert moved: sent once its transaction committed (or at once outside one). */
	@TransactionalEventListener(fallbackExecution = true)
	void on(AlertChanged event) {
		send(event.alert().connectionId(), "alert", event.alert());
	}

	/** {@code connectionId} null (a storage target's alert): every subscriber sees it. */
	private void send(@org.jspecify.annotations.Nullable UUID connectionId, String name, Object data) {
		for (Subscriber s : subscribers) {
			if (connectionId != null && !s.visible().contains(connectionId)) {
				continue;
			}
			try {
				s.emitter().send(SseEmitter.event().name(name).data(data));
			}
			catch (IOException | IllegalStateException e) {
				// the client went away
				subscribers.remove(s);
			}
		}
	}
}

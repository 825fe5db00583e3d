package dev.steward.notify.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.steward.notify.DeliveryStatus;
import dev.steward.notify.Notifiable;

/**
 * Queues a notification for every channel that wants its topic, and sends what is due: right after the queueing
 * commits, and from a sweep every few seconds ({@code steward.notify.sweep-interval}) that also retries failed sends
 * with exponential backoff and takes over deliveries whose instance died mid-send. Sends run on their own threads,
 * never in a backup's.
 */
@Component
class Deliveries {

	/** How many channels are sent to at once. */
	static final int CHANNEL_LANES = 8;

	private final java.util.concurrent.Semaphore lanes = new java.util.concurrent.Semaphore(CHANNEL_LANES);

	private final java.util.Set<UUID> busyChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();


	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final ChannelStore channels;

	private final DeliveryStore store;

	private final ChannelSender sender;

	private final NotifyProperties properties;

	private final BaseUrl baseUrl;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	private volatile Instant nextPurge = Instant.now().plus(Duration.ofMinutes(1));

	Deliveries(ChannelStore channels, DeliveryStore store, ChannelSender sender, NotifyProperties properties,
			BaseUrl baseUrl) {
		this.channels = channels;
		this.store = store;
		this.sender = sender;
		this.properties = properties;
		this.baseUrl = baseUrl;
	}

	/** Queues the notification (in the caller's transaction); sending starts once it commits. */
	void enqueue(Notifiable notifiable) {
		Message message = Message.of(notifiable, baseUrl.get());
		String json = Payloads.JSON.writeValueAsString(message);
		String key = dedupeKey(notifiable);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int queued = 0;
		for (Channel channel : channels.all()) {
			boolean wanted = notifiable.channels().isEmpty() ? channel.wants(notifiable.topic())
					: channel.enabled() && notifiable.channels().contains(channel.id());
			if (wanted && store.enqueue(channel, notifiable.topic(), key,
					notifiable.subject(), notifiable.summary(), json, now)) {
				queued++;
			}
		}
		if (queued > 0) {
			afterCommit(this::sweep);
		}
	}

	@Scheduled(fixedDelayString = "${steward.notify.sweep-interval:5s}", initialDelayString = "${steward.notify.sweep-interval:5s}")
	void scheduledSweep() {
		sweep();
		Instant now = Instant.now();
		if (now.isAfter(nextPurge)) {
			nextPurge = now.plus(Duration.ofHours(1));
			purge();
		}
	}

	/** Drops finished deliveries older than {@code steward.notify.log-retention} from the log. */
	int purge() {
		try {
			return store.purgeFinishedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(properties.logRetention()));
		}
		catch (RuntimeException e) {
			log.warn("Could not prune the notification delivery log: {}", e.getMessage());
			return 0;
		}
	}

	/** Sends every due delivery; one sweep at a time per instance. */
	void sweep() {
		if (!sweeping.compareAndSet(false, true)) {
			return;
		}
		try {
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			// a slow or unreachable channel (each attempt may take its timeouts) must not hold back the others: each
			// channel's due deliveries go in order on a lane of their own, and the sweep does not wait for the lanes,
			// so the next sweep serves the other channels while a slow one is still busy
			for (var due : store.dueByChannel(now, 100).entrySet()) {
				UUID channel = due.getKey();
				if (!busyChannels.add(channel)) {
					continue; // its lane is still sending; it takes these on its next turn
				}
				if (!lanes.tryAcquire()) {
					busyChannels.remove(channel);
					break;
				}
				List<UUID> ids = due.getValue();
				Thread.ofVirtual().name("notify-lane").start(() -> {
					try {
						ids.forEach(this::attemptQuietly);
					}
					finally {
						busyChannels.remove(channel);
						lanes.release();
					}
				});
			}
		}
		catch (RuntimeException e) {
			log.warn("Notification sweep failed: {}", e.getMessage());
		}
		finally {
			sweeping.set(false);
		}
	}

	private void attemptQuietly(UUID id) {
		try {
			attempt(id);
		}
		catch (RuntimeException e) {
			log.warn("Notification delivery {} failed: {}", id, e.getMessage());
		}
	}

	private void attempt(UUID id) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		// the claim outlasts the longest send (two timeouts: connect and exchange) before another instance may retry
		Optional<DeliveryStore.Due> claimed = store.claim(id, now, now.plus(properties.timeout().multipliedBy(3)));
		if (claimed.isEmpty()) {
			return;
		}
		DeliveryStore.Due due = claimed.get();
		int attempt = due.attempts() + 1;
		String error = null;
		long started = System.nanoTime();
		Optional<Channel> channel = channels.find(due.channelId());
		if (channel.isEmpty()) {
			error = "The channel was deleted";
		}
		else {
			try {
				sender.send(channel.get(), Payloads.JSON.readValue(due.messageJson(), Message.class));
			}
			catch (DeliveryFailed e) {
				error = e.getMessage();
			}
			catch (RuntimeException e) {
				error = "Internal error: " + e.getClass().getSimpleName();
				log.warn("Notification delivery {} failed unexpectedly", id, e);
			}
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
		if (error == null) {
			store.attempted(id, attempt, at, millis, null, DeliveryStatus.DELIVERED, null);
		}
		else if (attempt >= properties.maxAttempts() || channel.isEmpty()) {
			store.attempted(id, attempt, at, millis, error, DeliveryStatus.FAILED, null);
			log.warn("Notification delivery {} gave up after {} attempts: {}", id, attempt, error);
		}
		else {
			store.attempted(id, attempt, at, millis, error, DeliveryStatus.PENDING,
					at.plus(properties.retryDelay(attempt)));
		}
	}

	/** Sends a test message now, outside the queue; the failure, or null. */
	@Nullable String test(Channel channel, Message message) {
		try {
			sender.send(channel, message);
			return null;
		}
		catch (DeliveryFailed e) {
			return e.getMessage();
		}
	}

	private static void afterCommit(Runnable task) {
		Runnable async = () -> Thread.ofVirtual().name("notify-send").start(task);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					async.run();
				}
			});
		}
		else {
			async.run();
		}
	}

	/** Identifies a notification across republication: topic, subject, summary and time. */
	static String dedupeKey(Notifiable n) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((n.topic() + "\n" + n.subject() + "\n" + n.summary() + "\n" + n.occurredAt())
					.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

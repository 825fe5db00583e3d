package dev.steward.notify.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.notify.DeliveryStatus;
import dev.steward.notify.NotificationEvents.ChannelCreated;
import dev.steward.notify.NotificationEvents.ChannelDeleted;
import dev.steward.notify.NotificationEvents.ChannelTested;
import dev.steward.notify.NotificationEvents.ChannelUpdated;
import dev.steward.notify.NotificationTopic;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/** Channels: create, replace, delete and test, each audited; and the delivery log. */
@Service
public class ChannelManagement {

	/** What a test send did: delivered or not, why not, and how long it took. */
	public record ChannelTestResult(boolean ok, String message, long durationMillis) {
	}

	private final ChannelStore channels;

	private final ChannelRules rules;

	private final Deliveries deliveries;

	private final DeliveryStore deliveryLog;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	ChannelManagement(ChannelStore channels, ChannelRules rules, Deliveries deliveries, DeliveryStore deliveryLog,
			ApplicationEventPublisher events, TransactionTemplate tx) {
		this.tx = tx;
		this.channels = channels;
		this.rules = rules;
		this.deliveries = deliveries;
		this.deliveryLog = deliveryLog;
		this.events = events;
	}

	public List<ChannelView> list() {
		return channels.all().stream().map(Channel::view).toList();
	}

	public ChannelView get(UUID id) {
		return require(id).view();
	}

	@Transactional
	public ChannelView create(ChannelDraft draft) {
		UUID id = UUID.randomUUID();
		String name = draft.name().strip();
		if (channels.nameTaken(name, id)) {
			throw new Conflict("A notification channel named '" + name + "' exists already");
		}
		ChannelRules.Checked checked = rules.check(draft, Channel.Secrets.NONE);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		Channel channel = new Channel(id, name, draft.type(), enabledOf(draft), Boolean.TRUE.equals(draft.failuresOnly()),
				topicsOf(draft), checked.settings(), checked.secrets(), now, now);
		try {
			channels.insert(channel);
		}
		catch (DuplicateKeyException e) {
			// another admin saved the same name at the same moment
			throw new Conflict("A notification channel named '" + name + "' exists already");
		}
		events.publishEvent(new ChannelCreated(Actor.current(), id, name, draft.type()));
		return channel.view();
	}

	@Transactional
	public ChannelView update(UUID id, ChannelDraft draft) {
		Channel stored = require(id);
		if (draft.type() != stored.type()) {
			throw new dev.steward.shared.InvalidInput("type", "cannot change; create a new channel instead");
		}
		String name = draft.name().strip();
		if (channels.nameTaken(name, id)) {
			throw new Conflict("A notification channel named '" + name + "' exists already");
		}
		ChannelRules.Checked checked = rules.check(draft, stored.secrets());
		Channel channel = new Channel(id, name, stored.type(), enabledOf(draft), Boolean.TRUE.equals(draft.failuresOnly()),
				topicsOf(draft), checked.settings(), checked.secrets(), stored.createdAt(),
				OffsetDateTime.now(ZoneOffset.UTC));
		try {
			channels.update(channel);
		}
		catch (DuplicateKeyException e) {
			throw new Conflict("A notification channel named '" + name + "' exists already");
		}
		events.publishEvent(new ChannelUpdated(Actor.current(), id, name));
		return channel.view();
	}

	@Transactional
	public void delete(UUID id) {
		Channel stored = require(id);
		channels.delete(id);
		events.publishEvent(new ChannelDeleted(Actor.current(), id, stored.name()));
	}

	/** Sends a test message now (not queued, not retried) and says how it went. */
	public ChannelTestResult test(UUID id, String baseUrl) {
		Channel channel = require(id);
		Message message = new Message(NotificationTopic.BACKUP_SUCCEEDED, "notification channel '" + channel.name() + "'",
				"This is a test message from Steward: the channel works.", null, baseUrl + "/notifications",
				Instant.now(), true);
		long started = System.nanoTime();
		String error = deliveries.test(channel, message);
		long millis = (System.nanoTime() - started) / 1_000_000;
		Actor actor = Actor.current();
		// the send is outside any transaction (it may take the whole timeout); the audit event needs one
		tx.executeWithoutResult(t -> events.publishEvent(new ChannelTested(actor, id, channel.name(), error == null)));
		return new ChannelTestResult(error == null, error == null ? "Delivered to " + channel.name() : error, millis);
	}

	public PageResult<DeliveryView> deliveries(@Nullable UUID channelId, @Nullable DeliveryStatus status, int page,
			int size) {
		return deliveryLog.page(channelId, status, page, size);
	}

	private Channel require(UUID id) {
		return channels.find(id).orElseThrow(() -> new NotFound("Notification channel", id));
	}

	private static boolean enabledOf(ChannelDraft draft) {
		return draft.enabled() == null || draft.enabled();
	}

	private static Set<NotificationTopic> topicsOf(ChannelDraft draft) {
		return draft.topics() == null || draft.topics().isEmpty() ? EnumSet.noneOf(NotificationTopic.class)
				: EnumSet.copyOf(draft.topics());
	}
}

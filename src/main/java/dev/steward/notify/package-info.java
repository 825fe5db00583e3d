/**
 * Notifications: channels (email, webhooks, Slack, Teams, Discord, Telegram), which topics each channel receives, and
 * durable delivery with retries and a delivery log. Another module makes something notifiable by publishing an event
 * that implements {@link dev.steward.notify.Notifiable} (or a {@link dev.steward.notify.Notification}); backups and
 * verifications are adapted here from their own events.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "security", "engine", "job",
		"backup", "schedule" })
package dev.steward.notify;

import org.jspecify.annotations.NullMarked;

package dev.steward.notify;

/** How a channel delivers: SMTP, a generic JSON webhook, or a chat service's incoming-webhook / bot format. */
public enum ChannelType {
	EMAIL, WEBHOOK, SLACK, TEAMS, DISCORD, TELEGRAM
}

package dev.steward.notify.internal;

import java.util.List;

import dev.steward.notify.ChannelType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON each kind of webhook expects: our own shape, and Slack's, Teams' and Discord's incoming-webhook formats. */
final class Payloads {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Payloads() {
	}

	static String body(ChannelType type, Message m, String chatId) {
		return JSON.writeValueAsString(switch (type) {
			case WEBHOOK -> webhook(m);
			case SLACK -> slack(m);
			case TEAMS -> teams(m);
			case DISCORD -> discord(m);
			case TELEGRAM -> telegram(m, chatId);
			case EMAIL -> throw new IllegalArgumentException("email is not a webhook");
		});
	}

	static ObjectNode webhook(Message m) {
		ObjectNode n = JSON.createObjectNode();
		n.put("topic", m.topic().name());
		n.put("failure", m.topic().failure());
		n.put("title", m.title());
		n.put("subject", m.subject());
		n.put("summary", m.summary());
		n.put("details", m.details());
		n.put("link", m.link());
		n.put("occurredAt", m.occurredAt().toString());
		n.put("test", m.test());
		return n;
	}

	/** Slack: {@code text} (the notification fallback) and Block Kit blocks; mrkdwn needs &, < and > escaped. */
	static ObjectNode slack(Message m) {
		ObjectNode n = JSON.createObjectNode();
		// the top-level text is mrkdwn too (the notification's fallback); plain_text in the header is not parsed
		n.put("text", slackEscape(m.title()));
		ArrayNode blocks = n.putArray("blocks");
		ObjectNode header = blocks.addObject().put("type", "header");
		header.putObject("text").put("type", "plain_text").put("text", cut(m.title(), 150));
		StringBuilder b = new StringBuilder(slackEscape(m.summary())).append("\n*Where:* ")
			.append(slackEscape(m.subject())).append("\n*When:* ").append(m.when());
		if (m.details() != null) {
			b.append("\n*Error:* ").append(slackEscape(m.details()));
		}
		if (m.link() != null) {
			b.append("\n<").append(m.link()).append("|Open in Steward>");
		}
		blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", cut(b.toString(), 3000));
		return n;
	}

	/** Teams (Workflows incoming webhook): a message with one Adaptive Card attachment. */
	static ObjectNode teams(Message m) {
		ObjectNode n = JSON.createObjectNode();
		n.put("type", "message");
		ObjectNode attachment = n.putArray("attachments").addObject();
		attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
		attachment.putNull("contentUrl");
		ObjectNode card = attachment.putObject("content");
		card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
		card.put("type", "AdaptiveCard");
		card.put("version", "1.4");
		ArrayNode body = card.putArray("body");
		body.addObject().put("type", "TextBlock").put("text", m.title()).put("weight", "Bolder").put("size", "Medium")
			.put("wrap", true).put("color", m.topic().failure() ? "Attention" : "Good");
		body.addObject().put("type", "TextBlock").put("text", m.summary()).put("wrap", true);
		ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
		facts.addObject().put("title", "Where").put("value", m.subject());
		facts.addObject().put("title", "When").put("value", m.when());
		if (m.details() != null) {
			facts.addObject().put("title", "Error").put("value", m.details());
		}
		if (m.link() != null) {
			card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Steward")
				.put("url", m.link());
		}
		return n;
	}

	/** Discord: an embed (title, description, link, colour, timestamp); mentions are switched off. */
	static ObjectNode discord(Message m) {
		ObjectNode n = JSON.createObjectNode();
		n.put("username", "Steward");
		n.putObject("allowed_mentions").putArray("parse");
		ObjectNode embed = n.putArray("embeds").addObject();
		embed.put("title", cut(m.title(), 256));
		StringBuilder d = new StringBuilder(m.summary()).append("\n**Where:** ").append(m.subject());
		if (m.details() != null) {
			d.append("\n**Error:** ").append(m.details());
		}
		embed.put("description", cut(d.toString(), 4096));
		if (m.link() != null) {
			embed.put("url", m.link());
		}
		embed.put("color", m.topic().failure() ? 0xD32F2F : 0x2E7D32);
		embed.put("timestamp", m.occurredAt().toString());
		return n;
	}

	/** Telegram Bot API {@code sendMessage}: plain text (no parse mode, so nothing needs escaping). */
	static ObjectNode telegram(Message m, String chatId) {
		ObjectNode n = JSON.createObjectNode();
		n.put("chat_id", chatId);
		n.put("text", cut(m.title() + "\n\n" + m.text(), 4096));
		n.put("disable_web_page_preview", true);
		return n;
	}

	private static String slackEscape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}

	static List<ChannelType> webhookTypes() {
		return List.of(ChannelType.WEBHOOK, ChannelType.SLACK, ChannelType.TEAMS, ChannelType.DISCORD);
	}
}

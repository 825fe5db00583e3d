package dev.steward.notify.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.notify.ChannelType;
import dev.steward.notify.SmtpSecurity;
import dev.steward.shared.InvalidInput;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Turns a draft into a channel's settings and secrets, field by field for its type, keeping stored secrets the draft
 * leaves out; every problem named by its field ({@link InvalidInput}).
 */
@Component
class ChannelRules {

	static final String TELEGRAM_API = "https://api.telegram.org";

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,253})|\\[[0-9A-Fa-f:.]+\\]");

	private static final Pattern BOT_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");

	private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");

	private final TargetRules targets;

	ChannelRules(TargetRules targets) {
		this.targets = targets;
	}

	record Checked(Channel.Settings settings, Channel.Secrets secrets) {
	}

	Checked check(ChannelDraft d, Channel.Secrets stored) {
		Map<String, String> errors = new LinkedHashMap<>();
		Channel.Secrets secrets = new Channel.Secrets(keep(d.url(), stored.url()), keep(d.secret(), stored.secret()),
				keep(d.smtpPassword(), stored.smtpPassword()), keep(d.botToken(), stored.botToken()));
		Channel.Settings settings = new Channel.Settings(null, null, null, null, null, null, null);
		switch (d.type()) {
			case WEBHOOK, SLACK, TEAMS, DISCORD -> {
				require(errors, "url", secrets.url());
				secrets = new Channel.Secrets(secrets.url(), d.type() == ChannelType.WEBHOOK ? secrets.secret() : null,
						null, null);
			}
			case TELEGRAM -> {
				if (secrets.botToken() == null || !BOT_TOKEN.matcher(secrets.botToken()).matches()) {
					errors.put("botToken", "must be a Telegram bot token (<digits>:<letters>) from @BotFather");
				}
				if (d.chatId() == null || !CHAT_ID.matcher(d.chatId().strip()).matches()) {
					errors.put("chatId", "must be a numeric chat id or an @channel name");
				}
				settings = new Channel.Settings(null, null, null, null, null, null,
						d.chatId() == null ? null : d.chatId().strip());
				secrets = new Channel.Secrets(secrets.url(), null, null, secrets.botToken());
			}
			case EMAIL -> {
				settings = email(d, errors);
				secrets = new Channel.Secrets(null, null, secrets.smtpPassword(), null);
			}
		}
		if (secrets.url() != null && errors.isEmpty()) {
			try {
				targets.url("url", secrets.url());
			}
			catch (InvalidInput e) {
				errors.putAll(e.fieldErrors());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return new Checked(settings, secrets);
	}

	private Channel.Settings email(ChannelDraft d, Map<String, String> errors) {
		String host = d.smtpHost() == null ? null : d.smtpHost().strip();
		if (host == null || !HOST.matcher(host).matches()) {
			errors.put("smtpHost", "must be a host name or address");
		}
		else {
			try {
				targets.host("smtpHost", host);
			}
			catch (InvalidInput e) {
				errors.putAll(e.fieldErrors());
			}
		}
		SmtpSecurity security = d.smtpSecurity() == null ? SmtpSecurity.STARTTLS : d.smtpSecurity();
		int port = d.smtpPort() != null ? d.smtpPort() : switch (security) {
			case SSL -> 465;
			case STARTTLS -> 587;
			case NONE -> 25;
		};
		String from = address(errors, "mailFrom", d.mailFrom());
		List<String> to = d.mailTo() == null ? List.of() : d.mailTo();
		if (to.isEmpty()) {
			errors.put("mailTo", "must name at least one recipient");
		}
		for (int i = 0; i < to.size(); i++) {
			address(errors, "mailTo[" + i + "]", to.get(i));
		}
		String user = d.smtpUsername() == null || d.smtpUsername().isBlank() ? null : d.smtpUsername().strip();
		return new Channel.Settings(host, port, security, user, from,
				to.stream().map(String::strip).toList(), null);
	}

	private static @Nullable String address(Map<String, String> errors, String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			errors.put(field, "is required");
			return null;
		}
		try {
			InternetAddress address = new InternetAddress(value.strip(), true);
			address.validate();
			return address.toString();
		}
		catch (AddressException e) {
			errors.put(field, "is not a valid email address");
			return null;
		}
	}

	private static void require(Map<String, String> errors, String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			errors.put(field, "is required for this channel type");
		}
	}

	/** The draft's value; the stored one when the draft leaves it out; none when the draft sends "". */
	private static @Nullable String keep(@Nullable String given, @Nullable String stored) {
		if (given == null) {
			return stored;
		}
		return given.isBlank() ? null : given.strip();
	}
}
